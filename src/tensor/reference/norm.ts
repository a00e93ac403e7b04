/**
 * Residual add + RMSNorm without weight, as HRM's post-norm blocks use it (docs/hrm.md §4.5):
 * h = x + residual, y = h / sqrt(mean(h²) + eps) per row of [R, D].
 */
import type { FloatArray } from '../tensor.ts';

/** y = rms(x + residual) per row; saves rstd[r] = 1/sqrt(mean(h²) + eps). y may alias x. */
export function addRmsnormForward(
  y: FloatArray,
  rstd: FloatArray,
  x: FloatArray,
  residual: FloatArray,
  rows: number,
  dim: number,
  eps: number,
): void {
  for (let r = 0; r < rows; r++) {
    const row = r * dim;
    let sumSq = 0;
    for (let i = 0; i < dim; i++) {
      const h = x[row + i]! + residual[row + i]!;
      sumSq += h * h;
    }
    const inv = 1 / Math.sqrt(sumSq / dim + eps);
    rstd[r] = inv;
    for (let i = 0; i < dim; i++) y[row + i] = (x[row + i]! + residual[row + i]!) * inv;
  }
}

// y_i = h_i·r with r = (mean(h²) + eps)^(−1/2), so ∂r/∂h_j = −r³·h_j/D and
//   ∂L/∂h_j = r·dy_j − r·y_j·(1/D)·Σ_i dy_i·y_i
// which needs only the saved output y and r, not h.
/** dh from dy and the saved y, rstd; dh is the gradient of both x and residual. dh may alias dy. */
export function rmsnormBackward(
  dh: FloatArray,
  dy: FloatArray,
  y: FloatArray,
  rstd: FloatArray,
  rows: number,
  dim: number,
): void {
  for (let r = 0; r < rows; r++) {
    const row = r * dim;
    let dot = 0;
    for (let i = 0; i < dim; i++) dot += dy[row + i]! * y[row + i]!;
    const mean = dot / dim;
    const inv = rstd[r]!;
    for (let i = 0; i < dim; i++) dh[row + i] = inv * (dy[row + i]! - y[row + i]! * mean);
  }
}

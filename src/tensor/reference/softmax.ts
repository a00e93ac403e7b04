/** Row softmax, the reference for the fused native kernel and the core of attention. */
import type { FloatArray } from '../tensor.ts';

/** y = softmax(x) per row of [R, C], shifted by the row max for stability. y may alias x. */
export function softmaxForward(y: FloatArray, x: FloatArray, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) softmaxRow(y, x, r * cols, cols);
}

/** softmax of one row starting at `start` */
export function softmaxRow(y: FloatArray, x: FloatArray, start: number, cols: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < cols; c++) max = Math.max(max, x[start + c]!);
  let sum = 0;
  for (let c = 0; c < cols; c++) {
    const e = Math.exp(x[start + c]! - max);
    y[start + c] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let c = 0; c < cols; c++) y[start + c]! *= inv;
}

// y = softmax(x):  ∂y_i/∂x_j = y_i·(δ_ij − y_j)  ⇒  dx_j = y_j·(dy_j − Σ_i dy_i·y_i)
/** dx = y ⊙ (dy − Σ dy⊙y) per row. dx may alias dy. */
export function softmaxBackward(
  dx: FloatArray,
  dy: FloatArray,
  y: FloatArray,
  rows: number,
  cols: number,
): void {
  for (let r = 0; r < rows; r++) softmaxBackwardRow(dx, dy, y, r * cols, cols);
}

/** softmax backward of one row starting at `start` */
export function softmaxBackwardRow(
  dx: FloatArray,
  dy: FloatArray,
  y: FloatArray,
  start: number,
  cols: number,
): void {
  let dot = 0;
  for (let c = 0; c < cols; c++) dot += dy[start + c]! * y[start + c]!;
  for (let c = 0; c < cols; c++) dx[start + c] = y[start + c]! * (dy[start + c]! - dot);
}

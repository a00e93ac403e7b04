/**
 * Post-norm residual with a weightless RMSNorm (docs/hrm.md §4.5; upstream `rms_norm`):
 * y = h / sqrt(mean(h^2) + eps) with h = residual + sublayer(residual), computed in f32.
 *
 * Dims: B batch, T positions, D hidden; rstd has one value per row (B * T).
 */
import { addRmsnormForward, rmsnormBackward, type Tensor, zeros } from '../../tensor/index.ts';

/** Allocate the saved 1/rms values for batch B. */
export function rmsStats(B: number, T: number): Tensor {
  return zeros([B * T]);
}

/** y [B, T, D] = rms(residual + sublayerOut); saves rstd [B * T]. `y` may be `sublayerOut`. */
export function residualRmsNormForward(
  y: Tensor,
  rstd: Tensor,
  sublayerOut: Tensor,
  residual: Tensor,
  eps: number,
): void {
  addRmsnormForward(y, rstd, sublayerOut, residual, eps);
}

/** dh = gradient of both the residual and the sublayer output, from dy and the saved y, rstd; dh may be dy. */
export function residualRmsNormBackward(dh: Tensor, dy: Tensor, y: Tensor, rstd: Tensor): void {
  rmsnormBackward(dh, dy, y, rstd);
}

/**
 * The post-norm SwiGLU MLP sublayer of HRM's transformer block (docs/hrm.md §4.4–4.5) as one op:
 *   gateUp = x·W_guᵀ [R, 2I],  hidden = silu(gate) ⊙ up [R, I],  y = rms(x + hidden·W_downᵀ) [R, D].
 * Here it is literally those four reference ops in turn; the native kernel runs the same chain on blocks of
 * rows so the intermediates stay in cache. The backward is the separate ops' backward (rmsnormBackward,
 * the down projection's linear backward, swigluBackward, the gate_up projection's linear backward), from
 * the saved gateUp, hidden, y and rstd.
 */
import type { FloatArray } from '../tensor.ts';
import { gemm } from './gemm.ts';
import { addRmsnormForward } from './norm.ts';
import { swigluForward } from './swiglu.ts';

/** y = rms(x + swiglu(x·wGateUpᵀ)·wDownᵀ) per row, saving gateUp, hidden and rstd */
export function mlpForward(
  y: FloatArray,
  rstd: FloatArray,
  gateUp: FloatArray,
  hidden: FloatArray,
  x: FloatArray,
  wGateUp: FloatArray,
  wDown: FloatArray,
  rows: number,
  dim: number,
  inter: number,
  eps: number,
): void {
  gemm(false, true, rows, 2 * inter, dim, 1, x, dim, wGateUp, dim, 0, gateUp, 2 * inter);
  swigluForward(hidden, gateUp, rows, inter);
  gemm(false, true, rows, dim, inter, 1, hidden, inter, wDown, inter, 0, y, dim);
  addRmsnormForward(y, rstd, y, x, rows, dim, eps);
}

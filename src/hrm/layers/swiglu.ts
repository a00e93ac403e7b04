/**
 * The SwiGLU MLP (docs/hrm.md §4.4; upstream `SwiGLU`): gate_up_proj [2I, D] whose first I outputs are the
 * gate and last I the up projection, silu(gate) * up, then down_proj [D, I]. No biases.
 *
 * Dims: B batch, T positions, D hidden, I inner size.
 */
import { linearBackward, mlpForward, swigluBackward, type Tensor, zeros } from '../../tensor/index.ts';

/** `mlp.gate_up_proj.weight` [2I, D] and `mlp.down_proj.weight` [D, I] (or their gradients). */
export interface SwigluWeights {
  gateUp: Tensor;
  down: Tensor;
}

/** What one MLP call keeps for its backward. */
export interface SwigluActivations {
  /** [B, T, 2I] = [gate | up] */
  gateUp: Tensor;
  /** [B, T, I] = silu(gate) * up */
  hidden: Tensor;
}

/** Backward scratch shared by every MLP. */
export interface SwigluScratch {
  /** [B, T, I] */
  dHidden: Tensor;
  /** [B, T, 2I] */
  dGateUp: Tensor;
}

/** Allocate one call's activations for batch B. */
export function swigluActivations(B: number, T: number, I: number): SwigluActivations {
  return { gateUp: zeros([B, T, 2 * I]), hidden: zeros([B, T, I]) };
}

/** Allocate the shared backward scratch for batch B. */
export function swigluScratch(B: number, T: number, I: number): SwigluScratch {
  return { dHidden: zeros([B, T, I]), dGateUp: zeros([B, T, 2 * I]) };
}

/**
 * The block's second half, y [B, T, D] = rms(x + down(silu(gate) * up)) with [gate | up] = gate_up(x), as
 * the engine's fused `mlpForward` (row blocks keep gate_up's output in cache); saves gateUp, hidden and
 * rstd. y must not be x.
 */
export function swigluResidualForward(
  y: Tensor,
  rstd: Tensor,
  x: Tensor,
  w: SwigluWeights,
  acts: SwigluActivations,
  eps: number,
): void {
  mlpForward(y, rstd, acts.gateUp, acts.hidden, x, w.gateUp, w.down, eps);
}

/**
 * Backward of the MLP inside `swigluResidualForward` (the residual RMSNorm's backward runs first, in
 * block.ts): weight gradients accumulate into `dw`; the input gradient is added to `dx`. `dOut` may be
 * `dx` itself: it is fully read before `dx` is written.
 */
export function swigluLayerBackward(
  dx: Tensor,
  dOut: Tensor,
  x: Tensor,
  w: SwigluWeights,
  dw: SwigluWeights,
  acts: SwigluActivations,
  scratch: SwigluScratch,
): void {
  linearBackward({ dx: scratch.dHidden, dWeight: dw.down }, dOut, acts.hidden, w.down);
  swigluBackward(scratch.dGateUp, scratch.dHidden, acts.gateUp);
  linearBackward({ dx, dWeight: dw.gateUp, accumulateDx: true }, scratch.dGateUp, x, w.gateUp);
}

/**
 * The SwiGLU MLP (docs/hrm.md §4.4; upstream `SwiGLU`): gate_up_proj [2I, D] whose first I outputs are the
 * gate and last I the up projection, silu(gate) * up, then down_proj [D, I]. No biases.
 *
 * Dims: B batch, T positions, D hidden, I inner size.
 */
import {
  linearBackward,
  linearForward,
  swigluBackward,
  swigluForward,
  type Tensor,
  zeros,
} from '../../tensor/index.ts';

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

/** out [B, T, D] = down(silu(gate) * up) with [gate | up] = gate_up(x). */
export function swigluLayerForward(out: Tensor, x: Tensor, w: SwigluWeights, acts: SwigluActivations): void {
  linearForward(acts.gateUp, x, w.gateUp); // [B, T, 2I]
  swigluForward(acts.hidden, acts.gateUp); // [B, T, I]
  linearForward(out, acts.hidden, w.down); // [B, T, D]
}

/**
 * Backward of `swigluLayerForward`: weight gradients accumulate into `dw`; the input gradient is added to
 * `dx`. `dOut` may be `dx` itself: it is fully read before `dx` is written.
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

/**
 * Non-causal multi-head self-attention with RoPE (docs/hrm.md §4.2–4.3; upstream `Attention`): one qkv
 * projection whose output rows are [all q heads | all k heads | all v heads], RoPE on q and k, softmax
 * attention with scale 1/sqrt(d) and no mask, then `o_proj`. No biases.
 *
 * Dims: B batch, T positions, D hidden, h heads, d = D / h.
 */
import {
  attentionBackward,
  attentionForward,
  linearBackward,
  linearForward,
  type RopeTables,
  ropeBackward,
  ropeForward,
  type Tensor,
  zeros,
} from '../../tensor/index.ts';

/** `self_attn.qkv_proj.weight` [3D, D] and `self_attn.o_proj.weight` [D, D] (or their gradients). */
export interface AttentionWeights {
  qkv: Tensor;
  o: Tensor;
}

/** What one attention call keeps for its backward. */
export interface AttentionActivations {
  /** [B, T, 3D] projections, q and k after RoPE */
  qkv: Tensor;
  /** [B, h, T, T] softmax probabilities */
  probs: Tensor;
  /** [B, T, D] attention output before o_proj */
  heads: Tensor;
}

/** Backward scratch shared by every attention layer. */
export interface AttentionScratch {
  /** [B, T, D] */
  dHeads: Tensor;
  /** [B, T, 3D] */
  dqkv: Tensor;
}

/** Allocate one call's activations for batch B. */
export function attentionActivations(B: number, T: number, D: number, heads: number): AttentionActivations {
  return { qkv: zeros([B, T, 3 * D]), probs: zeros([B, heads, T, T]), heads: zeros([B, T, D]) };
}

/** Allocate the shared backward scratch for batch B. */
export function attentionScratch(B: number, T: number, D: number): AttentionScratch {
  return { dHeads: zeros([B, T, D]), dqkv: zeros([B, T, 3 * D]) };
}

/** out [B, T, D] = o_proj(attention(rope(qkv_proj(x)))); `rope` is undefined for learned positions. */
export function attentionLayerForward(
  out: Tensor,
  x: Tensor,
  w: AttentionWeights,
  acts: AttentionActivations,
  rope: RopeTables | undefined,
  numHeads: number,
): void {
  linearForward(acts.qkv, x, w.qkv); // [B, T, 3D]
  if (rope !== undefined) ropeForward(acts.qkv, rope, numHeads);
  attentionForward(acts.heads, acts.probs, acts.qkv, numHeads); // [B, T, D], probs [B, h, T, T]
  linearForward(out, acts.heads, w.o); // [B, T, D]
}

/**
 * Backward of `attentionLayerForward`: weight gradients accumulate into `dw`; the input gradient is added
 * to `dx`. `dOut` may be `dx` itself (post-norm: both hold the residual's gradient): it is fully read
 * before `dx` is written.
 */
export function attentionLayerBackward(
  dx: Tensor,
  dOut: Tensor,
  x: Tensor,
  w: AttentionWeights,
  dw: AttentionWeights,
  acts: AttentionActivations,
  scratch: AttentionScratch,
  rope: RopeTables | undefined,
  numHeads: number,
): void {
  linearBackward({ dx: scratch.dHeads, dWeight: dw.o }, dOut, acts.heads, w.o);
  attentionBackward(scratch.dqkv, scratch.dHeads, acts.qkv, acts.probs, numHeads);
  if (rope !== undefined) ropeBackward(scratch.dqkv, rope, numHeads);
  linearBackward({ dx, dWeight: dw.qkv, accumulateDx: true }, scratch.dqkv, x, w.qkv);
}

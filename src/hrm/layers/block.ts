/**
 * One HRM transformer block (upstream `HierarchicalReasoningModel_ACTV1Block`; docs/hrm.md §4.5), post-norm:
 *   x1 = rms(x + Attn(x))
 *   y  = rms(x1 + MLP(x1))
 * The backward runs in place on one [B, T, D] gradient buffer: dy in, dx out.
 *
 * Dims: B batch, T positions, D hidden, h heads, I SwiGLU inner size.
 */
import type { RopeTables, Tensor } from '../../tensor/index.ts';
import { zeros } from '../../tensor/index.ts';
import type { HrmDims } from '../config.ts';
import {
  type AttentionActivations,
  type AttentionScratch,
  type AttentionWeights,
  attentionActivations,
  attentionLayerBackward,
  attentionLayerForward,
  attentionScratch,
} from './attention.ts';
import { residualRmsNormBackward, residualRmsNormForward, rmsStats } from './rms-norm.ts';
import {
  type SwigluActivations,
  type SwigluScratch,
  type SwigluWeights,
  swigluActivations,
  swigluLayerBackward,
  swigluResidualForward,
  swigluScratch,
} from './swiglu.ts';

/** A block's four weights (or their gradients), views into the flat parameter buffers. */
export interface BlockWeights {
  attn: AttentionWeights;
  mlp: SwigluWeights;
}

/** What one block call keeps for its backward. */
export interface BlockActivations {
  attn: AttentionActivations;
  /** [B, T, D] = rms(x + Attn(x)) */
  x1: Tensor;
  /** [B * T] */
  rstd1: Tensor;
  mlp: SwigluActivations;
  /** [B, T, D] block output */
  y: Tensor;
  /** [B * T] */
  rstd2: Tensor;
}

/** Buffers every block shares: the sublayer output in the forward, the backward scratch. */
export interface BlockScratch {
  /** [B, T, D] Attn(x) */
  sublayer: Tensor;
  attn: AttentionScratch;
  mlp: SwigluScratch;
}

/** Per-call settings of the blocks: RoPE tables (undefined for learned positions), heads, eps. */
export interface BlockContext {
  rope: RopeTables | undefined;
  numHeads: number;
  eps: number;
  scratch: BlockScratch;
}

/** Allocate one block call's activations for batch B. */
export function blockActivations(B: number, dims: HrmDims): BlockActivations {
  const { T, D, h, I } = dims;
  return {
    attn: attentionActivations(B, T, D, h),
    x1: zeros([B, T, D]),
    rstd1: rmsStats(B, T),
    mlp: swigluActivations(B, T, I),
    y: zeros([B, T, D]),
    rstd2: rmsStats(B, T),
  };
}

/** Allocate the scratch all blocks share, for batch B. */
export function blockScratch(B: number, dims: HrmDims): BlockScratch {
  const { T, D, I } = dims;
  return { sublayer: zeros([B, T, D]), attn: attentionScratch(B, T, D), mlp: swigluScratch(B, T, I) };
}

/** y = block(x). `y` may be `x` (x is last read before y is written), as in the no-gradient cycles. */
export function blockForward(
  y: Tensor,
  x: Tensor,
  w: BlockWeights,
  acts: BlockActivations,
  ctx: BlockContext,
): void {
  const sub = ctx.scratch.sublayer;
  attentionLayerForward(sub, x, w.attn, acts.attn, ctx.rope, ctx.numHeads); // Attn(x)
  residualRmsNormForward(acts.x1, acts.rstd1, sub, x, ctx.eps); // x1 = rms(x + Attn(x))
  swigluResidualForward(y, acts.rstd2, acts.x1, w.mlp, acts.mlp, ctx.eps); // y = rms(x1 + MLP(x1))
}

/**
 * In place on `d` [B, T, D]: dy in, dx out, from the call's input `x` and saved activations (whose `y` must
 * be the output that call produced). Weight gradients accumulate into `dw`.
 */
export function blockBackward(
  d: Tensor,
  x: Tensor,
  w: BlockWeights,
  dw: BlockWeights,
  acts: BlockActivations,
  ctx: BlockContext,
): void {
  residualRmsNormBackward(d, d, acts.y, acts.rstd2); // d = dL/dx1 (residual path) = dL/dMLP
  swigluLayerBackward(d, d, acts.x1, w.mlp, dw.mlp, acts.mlp, ctx.scratch.mlp); // d += MLP path
  residualRmsNormBackward(d, d, acts.x1, acts.rstd1); // d = dL/dx (residual path) = dL/dAttn
  attentionLayerBackward(d, d, x, w.attn, dw.attn, acts.attn, ctx.scratch.attn, ctx.rope, ctx.numHeads); // d += Attn path
}

/**
 * Non-causal multi-head softmax attention over a packed qkv buffer (docs/hrm.md §4.3). qkv [B, T, 3·H·d]
 * holds, per position, all q heads, then all k heads, then all v heads; head h of q is the strided view
 * qkv[b, :, h·d : h·d + d] with row stride 3·H·d, so no copies are made. Per (b, h):
 *   S = q·kᵀ/√d,  P = softmax_rows(S)  (saved: probs [B, H, T, T]),  O = P·v  → out[b, :, h·d : h·d + d]
 */
import type { FloatArray } from '../tensor.ts';
import { gemmBatched } from './gemm.ts';
import { softmaxBackwardRow, softmaxRow } from './softmax.ts';

/** out [B, T, H·d] and probs [B, H, T, T] from qkv [B, T, 3·H·d] */
export function attentionForward(
  out: FloatArray,
  probs: FloatArray,
  qkv: FloatArray,
  batch: number,
  seq: number,
  heads: number,
  headDim: number,
): void {
  const D = heads * headDim;
  const width = 3 * D;
  const scale = 1 / Math.sqrt(headDim);
  for (let b = 0; b < batch; b++) {
    const row = b * seq * width;
    const P = probs.subarray(b * heads * seq * seq);
    // S[h] = scale·q_h·k_hᵀ for all heads of this batch row at once (batch over heads, head stride d)
    gemmBatched(
      false,
      true,
      seq,
      seq,
      headDim,
      scale,
      qkv.subarray(row),
      width,
      headDim,
      qkv.subarray(row + D),
      width,
      headDim,
      0,
      P,
      seq,
      seq * seq,
      heads,
    );
    for (let r = 0; r < heads * seq; r++) softmaxRow(P, P, r * seq, seq);
    gemmBatched(
      false,
      false,
      seq,
      headDim,
      seq,
      1,
      P,
      seq,
      seq * seq,
      qkv.subarray(row + 2 * D),
      width,
      headDim,
      0,
      out.subarray(b * seq * D),
      D,
      headDim,
      heads,
    );
  }
}

// With dO the gradient of O:
//   dv = Pᵀ·dO,   dP = dO·vᵀ,   dS = P ⊙ (dP − rowsum(dP ⊙ P)),   dq = dS·k/√d,   dk = dSᵀ·q/√d
/** dqkv [B, T, 3·H·d] (overwritten) from dOut [B, T, H·d] and the saved qkv, probs */
export function attentionBackward(
  dqkv: FloatArray,
  dOut: FloatArray,
  qkv: FloatArray,
  probs: FloatArray,
  batch: number,
  seq: number,
  heads: number,
  headDim: number,
): void {
  const D = heads * headDim;
  const width = 3 * D;
  const scale = 1 / Math.sqrt(headDim);
  const dS = scratch(qkv, heads * seq * seq);
  for (let b = 0; b < batch; b++) {
    const row = b * seq * width;
    const P = probs.subarray(b * heads * seq * seq);
    const dO = dOut.subarray(b * seq * D);
    // dv_h = P_hᵀ·dO_h
    gemmBatched(
      true,
      false,
      seq,
      headDim,
      seq,
      1,
      P,
      seq,
      seq * seq,
      dO,
      D,
      headDim,
      0,
      dqkv.subarray(row + 2 * D),
      width,
      headDim,
      heads,
    );
    // dP_h = dO_h·v_hᵀ, then dS_h = softmax backward of each row
    gemmBatched(
      false,
      true,
      seq,
      seq,
      headDim,
      1,
      dO,
      D,
      headDim,
      qkv.subarray(row + 2 * D),
      width,
      headDim,
      0,
      dS,
      seq,
      seq * seq,
      heads,
    );
    for (let r = 0; r < heads * seq; r++) softmaxBackwardRow(dS, dS, P, r * seq, seq);
    // dq_h = scale·dS_h·k_h,  dk_h = scale·dS_hᵀ·q_h
    gemmBatched(
      false,
      false,
      seq,
      headDim,
      seq,
      scale,
      dS,
      seq,
      seq * seq,
      qkv.subarray(row + D),
      width,
      headDim,
      0,
      dqkv.subarray(row),
      width,
      headDim,
      heads,
    );
    gemmBatched(
      true,
      false,
      seq,
      headDim,
      seq,
      scale,
      dS,
      seq,
      seq * seq,
      qkv.subarray(row),
      width,
      headDim,
      0,
      dqkv.subarray(row + D),
      width,
      headDim,
      heads,
    );
  }
}

const scratchCache = new WeakMap<object, FloatArray>();

/** a reusable [H, T, T] scratch of the same float type as `like`, grown on demand */
function scratch(like: FloatArray, size: number): FloatArray {
  const ctor = like.constructor as new (n: number) => FloatArray;
  const cached = scratchCache.get(ctor);
  if (cached !== undefined && cached.length >= size) return cached;
  const fresh = new ctor(size);
  scratchCache.set(ctor, fresh);
  return fresh;
}

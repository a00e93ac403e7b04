/**
 * Rotary position embedding, half-split convention (docs/hrm.md §4.2): for a head vector x = [x1 | x2]
 * (halves of d), rot(x) = [−x2 | x1] and x' = x·cos + rot(x)·sin, with cos/sin tables [T, d/2] (upstream's
 * [T, d] tables repeat the same d/2 columns twice). Applied in place to the q and k sections of a
 * qkv buffer [B, T, 3·H·d]; the v section is untouched.
 */
import type { FloatArray } from '../tensor.ts';

/** rotates every q and k head of qkv in place:  y1 = x1·c − x2·s,  y2 = x2·c + x1·s */
export function ropeForward(
  qkv: FloatArray,
  cos: FloatArray,
  sin: FloatArray,
  batch: number,
  seq: number,
  heads: number,
  headDim: number,
): void {
  rotateQK(qkv, cos, sin, batch, seq, heads, headDim, 1);
}

// The rotation is orthogonal, so its gradient is the inverse rotation (angle −θ):
//   dx1 = dy1·c + dy2·s,  dx2 = dy2·c − dy1·s
/** turns the gradients of the rotated q and k in dqkv into gradients of the unrotated ones, in place */
export function ropeBackward(
  dqkv: FloatArray,
  cos: FloatArray,
  sin: FloatArray,
  batch: number,
  seq: number,
  heads: number,
  headDim: number,
): void {
  rotateQK(dqkv, cos, sin, batch, seq, heads, headDim, -1);
}

/** rotation by +θ (direction 1) or −θ (direction −1) of the 2·H q/k head vectors at every position */
function rotateQK(
  buf: FloatArray,
  cos: FloatArray,
  sin: FloatArray,
  batch: number,
  seq: number,
  heads: number,
  headDim: number,
  direction: 1 | -1,
): void {
  const half = headDim / 2;
  const width = 3 * heads * headDim;
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < seq; t++) {
      const row = (b * seq + t) * width;
      const table = t * half;
      for (let h = 0; h < 2 * heads; h++) {
        const base = row + h * headDim;
        for (let j = 0; j < half; j++) {
          const c = cos[table + j]!;
          const s = direction * sin[table + j]!;
          const x1 = buf[base + j]!;
          const x2 = buf[base + half + j]!;
          buf[base + j] = x1 * c - x2 * s;
          buf[base + half + j] = x2 * c + x1 * s;
        }
      }
    }
  }
}

/**
 * Embedding lookup with scale and its scatter-add gradient. HRM multiplies every embedding by √D
 * (docs/hrm.md §4.1); `scale` carries that factor so the forward writes the scaled rows in one pass.
 */
import type { FloatArray } from '../tensor.ts';

/** out[i, :] = scale·weight[ids[i], :] for n ids into weight [V, D] */
export function embeddingForward(
  out: FloatArray,
  weight: FloatArray,
  ids: Int32Array,
  n: number,
  dim: number,
  scale: number,
): void {
  const vocab = Math.floor(weight.length / dim);
  for (let i = 0; i < n; i++) {
    const id = checkedId(ids, i, vocab);
    const src = id * dim;
    const dst = i * dim;
    for (let c = 0; c < dim; c++) out[dst + c] = scale * weight[src + c]!;
  }
}

// out[i] = s·W[ids[i]]  ⇒  ∂L/∂W[v] = s·Σ_{i : ids[i] = v} dOut[i]
/** dWeight[ids[i], :] += scale·dOut[i, :] */
export function embeddingBackward(
  dWeight: FloatArray,
  dOut: FloatArray,
  ids: Int32Array,
  n: number,
  dim: number,
  scale: number,
): void {
  const vocab = Math.floor(dWeight.length / dim);
  for (let i = 0; i < n; i++) {
    const id = checkedId(ids, i, vocab);
    const dst = id * dim;
    const src = i * dim;
    for (let c = 0; c < dim; c++) dWeight[dst + c]! += scale * dOut[src + c]!;
  }
}

/** ids[i], or a RangeError naming the position when it is outside [0, vocab) */
function checkedId(ids: Int32Array, i: number, vocab: number): number {
  const id = ids[i]!;
  if (id < 0 || id >= vocab) throw new RangeError(`embedding: ids[${i}] = ${id} is outside [0, ${vocab})`);
  return id;
}

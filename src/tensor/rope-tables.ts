/**
 * RoPE cos/sin tables as upstream's RotaryEmbedding builds them (docs/hrm.md §4.2), in float32 at every
 * step: inv_freq[j] = 1/θ^(2j/d), angle[t, j] = t·inv_freq[j], tables [T, d/2] (upstream stores [T, d]
 * with the same d/2 columns twice; the kernels read the half). Positions 0..P−1 are the puzzle slots.
 */

/** cos and sin tables [seq, headDim/2] for positions 0..seq−1 */
export function ropeTables(
  seq: number,
  headDim: number,
  theta: number,
): { cos: Float32Array; sin: Float32Array } {
  if (!Number.isInteger(seq) || seq < 0 || !Number.isInteger(headDim) || headDim <= 0 || headDim % 2 !== 0) {
    throw new RangeError(`ropeTables: seq ${seq} and an even headDim (got ${headDim}) are required`);
  }
  const half = headDim / 2;
  const f = Math.fround;
  const invFreq = new Float32Array(half);
  for (let j = 0; j < half; j++) invFreq[j] = f(1 / f(theta ** f(f(2 * j) / headDim)));
  const cos = new Float32Array(seq * half);
  const sin = new Float32Array(seq * half);
  for (let t = 0; t < seq; t++) {
    for (let j = 0; j < half; j++) {
      const angle = f(t * invFreq[j]!);
      cos[t * half + j] = Math.cos(angle);
      sin[t * half + j] = Math.sin(angle);
    }
  }
  return { cos, sin };
}

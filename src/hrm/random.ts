/**
 * Seeded random numbers for init and ACT exploration: xoshiro128** seeded through splitmix32. Exact RNG
 * streams cannot match PyTorch's (docs/hrm.md §3), so callers get reproducibility per seed, not torch's bits.
 */

/** A seeded source of uniform floats in [0, 1) and integers. */
export interface Rng {
  /** uniform in [0, 1) with 32 random bits */
  uniform(): number;
  /** uniform integer in [low, high) */
  int(low: number, high: number): number;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A xoshiro128** generator seeded from `seed` (any 32-bit integer). */
export function createRng(seed: number): Rng {
  const next = splitmix32(seed);
  const s = Uint32Array.of(next(), next(), next(), next());
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
  return {
    uniform: () => nextU32() / 4294967296,
    int: (low, high) => low + Math.floor((nextU32() / 4294967296) * (high - low)),
  };
}

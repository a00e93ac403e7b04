/** Timing and validation helpers of bench/tensor: medians over repeated runs, closeness with the worst element. */

/** median milliseconds of `fn` over `rounds` runs after `warmup` runs; a run repeats fn until ≥ minMs */
export function medianMs(fn: () => void, { warmup = 2, rounds = 7, minMs = 20 } = {}): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let reps = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      fn();
      reps++;
      elapsed = performance.now() - start;
    } while (elapsed < minMs);
    samples.push(elapsed / reps);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** throws unless every |a − b| ≤ atol + rtol·|b| (the benchmark refuses to print a number for a wrong kernel) */
export function validate(
  what: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  atol = 1e-4,
  rtol = 1e-3,
): void {
  if (actual.length !== expected.length)
    throw new Error(`${what}: ${actual.length} values vs ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const diff = Math.abs(actual[i]! - expected[i]!);
    if (!(diff <= atol + rtol * Math.abs(expected[i]!))) {
      throw new Error(`${what}: element ${i} is ${actual[i]}, baseline ${expected[i]} (|diff| ${diff})`);
    }
  }
}

/** a deterministic pseudo-random float32 array in [−scale, scale) */
export function filled(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 2 ** 32 - 0.5) * 2 * scale;
  }
  return out;
}

/**
 * Shared helpers of the tensor tests: the backends under test (one test body for both), seeded random
 * inputs, a closeness assertion that reports the worst element, and a central-difference gradient check
 * run in float64 on the reference kernels.
 */
import assert from 'node:assert/strict';
import type { FloatArray, Kernels } from '../../src/tensor/index.ts';
import { BACKEND_ENV, nativeBackend, nativeLoadError, referenceKernels } from '../../src/tensor/index.ts';
import { Rng } from '../../src/tensor/random.ts';

/** A backend as the tests see it: its kernel table, or why it is missing. */
export interface BackendUnderTest {
  name: 'ts' | 'native';
  kernels: Kernels<FloatArray>;
}

/**
 * The backends every op test runs on. The native one is required (CI builds it with `npm ci`); when it
 * did not load, its tests fail with the load error, unless HRM_LCB_BACKEND=ts asks for the TS backend
 * alone, in which case they are skipped with that reason.
 */
export function backendsUnderTest(): { name: 'ts' | 'native'; get: () => BackendUnderTest; skip?: string }[] {
  const ts = { name: 'ts' as const, get: () => ({ name: 'ts' as const, kernels: referenceKernels }) };
  const native = nativeBackend();
  if (native !== undefined) {
    return [
      ts,
      { name: 'native', get: () => ({ name: 'native', kernels: native.kernels as Kernels<FloatArray> }) },
    ];
  }
  const reason = `native addon not loaded: ${nativeLoadError()}`;
  if (process.env[BACKEND_ENV] === 'ts')
    return [ts, { name: 'native', get: () => assert.fail(reason), skip: `${BACKEND_ENV}=ts; ${reason}` }];
  return [
    ts,
    {
      name: 'native',
      get: () => assert.fail(`${reason} (or set ${BACKEND_ENV}=ts to test only the TS backend)`),
    },
  ];
}

/** n seeded values uniform in [−scale, scale) as float64 */
export function randomF64(rng: Rng, n: number, scale = 1): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * rng.uniform() - 1) * scale;
  return out;
}

/** a float32 copy (what the backends compute on) */
export function f32(x: ArrayLike<number>): Float32Array {
  return Float32Array.from(x);
}

/** a float64 copy of float32 values, so the f64 reference sees exactly the backend's inputs */
export function f64(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x);
}

/** asserts |actual − expected| ≤ atol + rtol·|expected| elementwise, naming the worst element */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  { atol = 1e-5, rtol = 1e-4 }: { atol?: number; rtol?: number } = {},
): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} vs ${expected.length}`);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const excess = Math.abs(a - e) - (atol + rtol * Math.abs(e));
    if (Number.isNaN(a) !== Number.isNaN(e) || excess > worstExcess) {
      worst = i;
      worstExcess = Number.isNaN(excess) ? Number.POSITIVE_INFINITY : excess;
    }
  }
  if (worst >= 0) {
    assert.fail(
      `${what}: element ${worst} is ${actual[worst]}, expected ${expected[worst]} (|diff| ${Math.abs(actual[worst]! - expected[worst]!)}, atol ${atol}, rtol ${rtol})`,
    );
  }
}

/**
 * Central-difference check of an analytic gradient in float64: for L = Σ w ⊙ f(x) with fixed random w,
 * compares ∂L/∂x from `backward(w)` against (L(x + h·e_i) − L(x − h·e_i))/2h at up to `samples` indices
 * of each input. `forward` must be a pure function of the inputs (it may reuse its output buffer).
 */
export function gradCheck(options: {
  what: string;
  inputs: Record<string, Float64Array>;
  forward: () => Float64Array;
  backward: (dOut: Float64Array) => Record<string, Float64Array>;
  seed?: number;
  samples?: number;
  h?: number;
  atol?: number;
  rtol?: number;
}): void {
  const {
    what,
    inputs,
    forward,
    backward,
    seed = 7,
    samples = 24,
    h = 1e-6,
    atol = 1e-7,
    rtol = 1e-6,
  } = options;
  const rng = new Rng(seed);
  const out = forward();
  const w = randomF64(rng, out.length);
  const loss = (): number => {
    const y = forward();
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += w[i]! * y[i]!;
    return sum;
  };
  const grads = backward(w);
  for (const [name, x] of Object.entries(inputs)) {
    const g = grads[name];
    assert.ok(g !== undefined, `${what}: backward returned no gradient for ${name}`);
    const picks =
      x.length <= samples ? [...x.keys()] : Array.from({ length: samples }, () => rng.int(0, x.length - 1));
    const numeric: number[] = [];
    const analytic: number[] = [];
    for (const i of picks) {
      const saved = x[i]!;
      x[i] = saved + h;
      const up = loss();
      x[i] = saved - h;
      const down = loss();
      x[i] = saved;
      numeric.push((up - down) / (2 * h));
      analytic.push(g[i]!);
    }
    assertClose(analytic, numeric, `${what}: ∂L/∂${name} (analytic vs finite difference)`, { atol, rtol });
  }
}

/**
 * Runs `op` on the f64 reference and on `k` in f32 with the same (f32-rounded) inputs, then compares every
 * output: the backend-parity check of one op.
 */
export function parity(
  k: Kernels<FloatArray>,
  what: string,
  inputs: Float64Array[],
  outputSizes: number[],
  op: (k: Kernels<FloatArray>, inputs: FloatArray[], outputs: FloatArray[]) => void,
  tolerance?: { atol?: number; rtol?: number },
): void {
  const in32 = inputs.map((x) => f32(x));
  const in64 = in32.map((x) => f64(x));
  const out64 = outputSizes.map((n) => new Float64Array(n));
  const out32 = outputSizes.map((n) => new Float32Array(n).fill(Number.NaN));
  op(referenceKernels, in64, out64);
  op(k, in32, out32);
  for (const [i, o] of out32.entries()) assertClose(o, out64[i]!, `${what} output ${i}`, tolerance);
}

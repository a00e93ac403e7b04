/**
 * Upstream's initialisation (docs/hrm.md §3): JAX-style truncated normal `trunc_normal_init_(std, -2, 2)`
 * whose std is the real std of the result, zeros for the puzzle embedding and the q-head weight, -5 for the
 * q-head bias. Each table row says which (see params.ts).
 */
import { bf16ToF32, f16ToF32, f32ToBf16, f32ToF16 } from './checkpoint/dtypes.ts';
import type { Rng } from './random.ts';
import type { ParamBuffers } from './weights.ts';

const SQRT2 = Math.SQRT2;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** erf(x) to about 1e-13: Taylor series near 0, continued fraction for erfc beyond |x| = 3. */
export function erf(x: number): number {
  if (x < 0) return -erf(-x);
  if (x < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n += 1) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))), evaluated bottom-up
  let fraction = x;
  for (let k = 60; k >= 1; k -= 1) fraction = x + k / 2 / fraction;
  return 1 - Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
}

/** Inverse of erf on (-1, 1): Giles' approximation refined by Newton steps on `erf`. */
export function erfinv(y: number): number {
  if (y <= -1) return Number.NEGATIVE_INFINITY;
  if (y >= 1) return Number.POSITIVE_INFINITY;
  let w = -Math.log((1 - y) * (1 + y));
  let x: number;
  if (w < 5) {
    w -= 2.5;
    let p = 2.81022636e-8;
    for (const c of [
      3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164,
      0.246640727, 1.50140941,
    ])
      p = c + p * w;
    x = p * y;
  } else {
    w = Math.sqrt(w) - 3;
    let p = -0.000200214257;
    for (const c of [
      0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406,
      2.83297682,
    ])
      p = c + p * w;
    x = p * y;
  }
  for (let i = 0; i < 2; i += 1) x -= (erf(x) - y) / (TWO_OVER_SQRT_PI * Math.exp(-x * x));
  return x;
}

/** Fill `out` with upstream's truncated normal: result std is `std`, values within [lower, upper] * sigma'. */
export function truncNormal(out: Float32Array, std: number, rng: Rng, lower = -2, upper = 2): void {
  if (std === 0) {
    out.fill(0);
    return;
  }
  const a = erf(lower / SQRT2);
  const b = erf(upper / SQRT2);
  const z = (b - a) / 2;
  const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  const variance = 1 - (upper * phi(upper) - lower * phi(lower)) / z - ((phi(upper) - phi(lower)) / z) ** 2;
  const sigma = std / Math.sqrt(variance);
  for (let i = 0; i < out.length; i += 1) {
    const u = a + (b - a) * rng.uniform();
    const x = SQRT2 * sigma * erfinv(u);
    out[i] = Math.min(Math.max(x, lower * sigma), upper * sigma);
  }
}

/** Initialise every row of `weights` as its table row says, drawing from `rng` in table order. */
export function initWeights(weights: ParamBuffers, rng: Rng): void {
  for (const spec of weights.table) {
    const view = weights.get(spec.name);
    if (spec.init.kind === 'zeros') view.fill(0);
    else if (spec.init.kind === 'constant') view.fill(spec.init.value);
    else truncNormal(view, spec.init.std, rng);
    // H_init/L_init live in forward_dtype upstream: round now so export and re-import are lossless
    if (spec.storedDtype === 'BF16') view.forEach((x, i) => (view[i] = bf16ToF32(f32ToBf16(x))));
    if (spec.storedDtype === 'F16') view.forEach((x, i) => (view[i] = f16ToF32(f32ToF16(x))));
  }
}

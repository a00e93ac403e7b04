/**
 * Upstream HRM's truncated-normal initialisation (`trunc_normal_init_`, JAX style; docs/hrm.md §3): the
 * requested std is the std of the truncated result. With bounds l, u (in units of σ'),
 *   z = (erf(u/√2) − erf(l/√2))/2,  φ(x) = e^(−x²/2)/√(2π),
 *   σ' = std / sqrt(1 − (u·φ(u) − l·φ(l))/z − ((φ(u) − φ(l))/z)²),
 * then x = √2·σ'·erfinv(U) with U uniform in [erf(l/√2), erf(u/√2)], clipped to [l·σ', u·σ'].
 */
import { ERFINV_TABLE_ERROR_BOUND, ErfinvTable } from './erfinv-table.ts';
import type { Rng } from './random.ts';
import type { FloatArray } from './tensor.ts';

/** fills `out` with upstream's truncated normal of real std `std`, bounds in units of σ' (default ±2) */
export function truncNormal(out: FloatArray, std: number, rng: Rng, lower = -2, upper = 2): void {
  if (!(std >= 0) || !(lower < upper))
    throw new RangeError(`truncNormal: bad std ${std} or bounds [${lower}, ${upper}]`);
  if (std === 0) {
    out.fill(0);
    return;
  }
  const lo = erf(lower / Math.SQRT2);
  const hi = erf(upper / Math.SQRT2);
  const z = (hi - lo) / 2;
  const pdfU = Math.exp(-0.5 * upper * upper) / Math.sqrt(2 * Math.PI);
  const pdfL = Math.exp(-0.5 * lower * lower) / Math.sqrt(2 * Math.PI);
  const compStd = std / Math.sqrt(1 - (upper * pdfU - lower * pdfL) / z - ((pdfU - pdfL) / z) ** 2);
  const min = lower * compStd;
  const max = upper * compStd;
  const scale = Math.SQRT2 * compStd;
  const exact = (y: number) => Math.min(max, Math.max(min, scale * erfinv(y)));
  if (!(out instanceof Float32Array) || out.length < FAST_PATH_MIN_LENGTH) {
    for (let i = 0; i < out.length; i++) out[i] = exact(lo + (hi - lo) * rng.uniform());
    return;
  }
  // Fast path with the same float32 values: the table puts erfinv(y) within ±bound; when every x in that
  // interval rounds to one float32 (scale·x, the clamp and the rounding are all monotone), that float32 is
  // the exact path's result too. Otherwise (a few in 10^4 draws) the exact path runs.
  table ??= new ErfinvTable(erfinv);
  const bound = ERFINV_TABLE_ERROR_BOUND;
  for (let i = 0; i < out.length; i++) {
    const y = lo + (hi - lo) * rng.uniform();
    const x = table.approx(y); // NaN outside the table's range: the comparison below fails
    const below = Math.fround(Math.min(max, Math.max(min, scale * (x - bound))));
    const above = Math.fround(Math.min(max, Math.max(min, scale * (x + bound))));
    out[i] = below === above && below !== 0 ? below : exact(y);
  }
}

/** below this many elements the exact path is cheaper than building the table */
const FAST_PATH_MIN_LENGTH = 32_768;
let table: ErfinvTable | undefined;

/** the error function, to about 1e-15 (positive-term series erf(x) = 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(2n+1)!!) */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const a = Math.abs(x);
  if (a >= 6) return Math.sign(x);
  let term = a;
  let sum = a;
  for (let n = 1; term > sum * 1e-17; n++) {
    term *= (2 * a * a) / (2 * n + 1);
    sum += term;
  }
  return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum);
}

/** inverse of erf on (−1, 1): Giles' single-precision approximation refined by two Newton steps */
export function erfinv(y: number): number {
  if (!(y > -1 && y < 1)) {
    if (y === 1) return Number.POSITIVE_INFINITY;
    if (y === -1) return Number.NEGATIVE_INFINITY;
    return Number.NaN;
  }
  let w = -Math.log((1 - y) * (1 + y));
  let p: number;
  if (w < 5) {
    w -= 2.5;
    p = 2.81022636e-8;
    for (const c of [
      3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164,
      0.246640727, 1.50140941,
    ])
      p = c + p * w;
  } else {
    w = Math.sqrt(w) - 3;
    p = -0.000200214257;
    for (const c of [
      0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406,
      2.83297682,
    ])
      p = c + p * w;
  }
  let x = p * y;
  for (let step = 0; step < 2; step++) x -= (erf(x) - y) / ((2 / Math.sqrt(Math.PI)) * Math.exp(-x * x));
  return x;
}

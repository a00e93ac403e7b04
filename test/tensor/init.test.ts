// Truncated-normal init (upstream trunc_normal_init_) and the erf/erfinv it rests on: values against
// torch 1.13 (expected/torch.json), statistics of the samples, bounds, determinism from the seed; the fast
// erfinv table path gives the exact path's values bit for bit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { ERFINV_TABLE_ERROR_BOUND, ERFINV_TABLE_RANGE, ErfinvTable } from '../../src/tensor/erfinv-table.ts';
import { erf, erfinv, Rng, truncNormal } from '../../src/tensor/index.ts';
import { assertClose } from './helpers.ts';

const expected = JSON.parse(readFileSync(new URL('./expected/torch.json', import.meta.url), 'utf8')) as {
  erf: { erf_x: number[]; erf: number[]; erfinv_y: number[]; erfinv: number[] };
};

it('erf and erfinv agree with torch in float64', () => {
  const { erf_x, erf: erfWant, erfinv_y, erfinv: erfinvWant } = expected.erf;
  assertClose(erf_x.map(erf), erfWant, 'erf', { atol: 1e-15, rtol: 1e-14 });
  // near ±1 the slope of erf is tiny, so erfinv inherits erf's absolute error magnified: 1e-10 relative there
  assertClose(erfinv_y.map(erfinv), erfinvWant, 'erfinv', { atol: 1e-14, rtol: 1e-10 });
  assert.equal(erfinv(1), Number.POSITIVE_INFINITY);
  assert.ok(Number.isNaN(erfinv(1.5)));
});

it('truncNormal has the requested std, zero mean and upstream bounds ±2σ′', () => {
  const std = 0.05;
  const out = new Float32Array(200_000);
  truncNormal(out, std, new Rng(123));
  let sum = 0;
  let sumSq = 0;
  let max = 0;
  for (const v of out) {
    sum += v;
    sumSq += v * v;
    max = Math.max(max, Math.abs(v));
  }
  const mean = sum / out.length;
  const realStd = Math.sqrt(sumSq / out.length - mean * mean);
  assert.ok(Math.abs(mean) < 3 * (std / Math.sqrt(out.length)) * 1.5, `mean ${mean}`);
  assert.ok(Math.abs(realStd / std - 1) < 0.01, `std ${realStd} vs ${std}`);
  // σ′ = std / 0.8796 for bounds ±2 (docs/hrm.md §3: σ′ ≈ 1.1368·std); samples stay within 2σ′
  const sigmaPrime = std * 1.1368;
  assert.ok(max <= 2 * sigmaPrime * (1 + 1e-4), `max |x| ${max} exceeds 2σ′ = ${2 * sigmaPrime}`);
  assert.ok(max > 1.99 * sigmaPrime, `max |x| ${max} never reaches the bound region`);
});

it('truncNormal is determined by its seed, and std 0 gives zeros', () => {
  const a = new Float32Array(64);
  const b = new Float32Array(64);
  truncNormal(a, 1, new Rng(9));
  truncNormal(b, 1, new Rng(9));
  assert.deepEqual(a, b);
  truncNormal(b, 1, new Rng(10));
  assert.notDeepEqual(a, b);
  truncNormal(a, 0, new Rng(9));
  assert.ok(a.every((v) => v === 0));
  assert.throws(() => truncNormal(a, -1, new Rng(1)), RangeError);
});

it('the erfinv table stays within its error bound of the exact erfinv over its whole range', () => {
  const table = new ErfinvTable(erfinv);
  let worst = 0;
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    const y = -ERFINV_TABLE_RANGE + (2 * ERFINV_TABLE_RANGE * (i + 0.5)) / n;
    worst = Math.max(worst, Math.abs(table.approx(y) - erfinv(y)));
  }
  assert.ok(worst < ERFINV_TABLE_ERROR_BOUND / 100, `max |approx − erfinv| = ${worst}`);
  assert.ok(Number.isNaN(table.approx(0.995)) && Number.isNaN(table.approx(-1)));
});

it('truncNormal into float32 (the table path) gives the exact path’s values bit for bit', () => {
  // a Float64Array output always takes the exact path (erfinv per element); rounded, it is the reference
  for (const [std, lower, upper] of [
    [0.02, -2, 2],
    [1, -2, 2],
    [0.3, -3, 1], // partly outside the table's range
  ] as const) {
    const fast = new Float32Array(100_000);
    const exact = new Float64Array(fast.length);
    truncNormal(fast, std, new Rng(11), lower, upper);
    truncNormal(exact, std, new Rng(11), lower, upper);
    let differ = 0;
    for (let i = 0; i < fast.length; i++) if (!Object.is(fast[i], Math.fround(exact[i]!))) differ++;
    assert.equal(differ, 0, `std ${std}, bounds [${lower}, ${upper}]: ${differ} values differ`);
  }
});

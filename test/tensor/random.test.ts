// The seeded RNG: same seed, same stream; uniform, integer and normal draws have the right ranges and moments.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Rng } from '../../src/tensor/index.ts';

it('the stream is a function of the seed', () => {
  const draw = (seed: number) => Array.from({ length: 8 }, () => new Rng(seed).nextUint32());
  assert.deepEqual(draw(1), draw(1));
  const a = new Rng(1);
  const b = new Rng(2);
  const sa = Array.from({ length: 8 }, () => a.nextUint32());
  const sb = Array.from({ length: 8 }, () => b.nextUint32());
  assert.notDeepEqual(sa, sb);
  assert.ok(sa.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32));
  assert.throws(() => new Rng(0.5), RangeError);
});

it('uniform, int and normal have the right ranges and moments', () => {
  const rng = new Rng(42);
  const n = 100_000;
  let sumU = 0;
  let sumN = 0;
  let sumN2 = 0;
  const counts = new Array<number>(6).fill(0);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    assert.ok(u >= 0 && u < 1);
    sumU += u;
    const z = rng.normal();
    sumN += z;
    sumN2 += z * z;
    counts[rng.int(2, 7) - 2]!++;
  }
  assert.ok(Math.abs(sumU / n - 0.5) < 0.005, `uniform mean ${sumU / n}`);
  assert.ok(Math.abs(sumN / n) < 0.015, `normal mean ${sumN / n}`);
  assert.ok(Math.abs(sumN2 / n - 1) < 0.02, `normal variance ${sumN2 / n}`);
  for (const c of counts) assert.ok(Math.abs(c / n - 1 / 6) < 0.01, `int bucket ${c / n}`);
  assert.throws(() => rng.int(3, 2), RangeError);
});

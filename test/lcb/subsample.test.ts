import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocateStrata, openCodeGeneration, stratifiedSubsample } from '../../src/lcb/index.ts';

describe('allocateStrata', () => {
  it('gives proportional shares rounded by largest remainder', () => {
    const sizes = new Map([
      ['easy', 15],
      ['medium', 20],
      ['hard', 10],
    ]);
    // 9 of 45: exact shares 3, 4, 2
    assert.deepEqual(Object.fromEntries(allocateStrata(sizes, 9)), { easy: 3, medium: 4, hard: 2 });
    // 10 of 45: 3.33, 4.44, 2.22 → floors 3, 4, 2 (9), the largest remainder (medium .44) gets the last one
    assert.deepEqual(Object.fromEntries(allocateStrata(sizes, 10)), { easy: 3, medium: 5, hard: 2 });
    assert.deepEqual(Object.fromEntries(allocateStrata(sizes, 100)), { easy: 15, medium: 20, hard: 10 });
  });
});

describe('stratifiedSubsample', () => {
  const items = Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, level: i % 3 === 0 ? 'hard' : 'easy' }));
  const spec = {
    size: 12,
    seed: 7,
    id: (x: (typeof items)[0]) => x.id,
    stratum: (x: (typeof items)[0]) => x.level,
  };

  it('is reproducible, keeps input order, and does not depend on the input order', () => {
    const a = stratifiedSubsample(items, spec);
    assert.equal(a.length, 12);
    assert.deepEqual(stratifiedSubsample(items, spec), a);
    const reversed = stratifiedSubsample([...items].reverse(), spec);
    assert.deepEqual(reversed.map((x) => x.id).sort(), a.map((x) => x.id).sort());
    const positions = a.map((x) => items.indexOf(x));
    assert.deepEqual(
      positions,
      [...positions].sort((x, y) => x - y),
    );
  });

  it('keeps the strata proportions and changes with the seed', () => {
    const a = stratifiedSubsample(items, spec);
    assert.equal(a.filter((x) => x.level === 'hard').length, 4);
    assert.equal(a.filter((x) => x.level === 'easy').length, 8);
    const b = stratifiedSubsample(items, { ...spec, seed: 8 });
    assert.notDeepEqual(
      b.map((x) => x.id),
      a.map((x) => x.id),
    );
  });

  it('keeps most earlier picks when the data set grows', () => {
    const grown = [...items, ...Array.from({ length: 6 }, (_, i) => ({ id: `new${i}`, level: 'easy' }))];
    const before = new Set(stratifiedSubsample(items, spec).map((x) => x.id));
    const after = stratifiedSubsample(grown, spec).map((x) => x.id);
    assert.ok(after.filter((id) => before.has(id)).length >= 9);
  });

  it('through the loader: N problems per scenario, stratified by difficulty', async () => {
    const set = await openCodeGeneration('sample', { filter: { subset_size: 9, subset_seed: 1 } });
    const byDifficulty = (d: string) => set.problems.filter((p) => p.difficulty === d).length;
    assert.deepEqual([byDifficulty('easy'), byDifficulty('medium'), byDifficulty('hard')], [3, 4, 2]);
    const again = await openCodeGeneration('sample', { filter: { subset_size: 9, subset_seed: 1 } });
    assert.deepEqual(
      again.problems.map((p) => p.question_id),
      set.problems.map((p) => p.question_id),
    );
    const ids = set.problems.map((p) => p.question_id);
    assert.deepEqual(ids, [...ids].sort());
  });
});

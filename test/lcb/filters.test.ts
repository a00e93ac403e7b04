import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileFilter,
  loadCodeExecution,
  loadTestOutputPrediction,
  openCodeGeneration,
} from '../../src/lcb/index.ts';

async function ids(filter: Parameters<typeof compileFilter>[0]): Promise<string[]> {
  return (await openCodeGeneration('sample', { filter })).problems.map((p) => p.question_id);
}

describe('date windows (inclusive, bounds at midnight)', () => {
  it('a 2025-01-11T18:30:00 problem is outside --end-date 2025-01-11; one at 00:00 that day is inside', async () => {
    const upToEleventh = await ids({ end_date: '2025-01-11' });
    assert.ok(!upToEleventh.includes('9113'), 'LeetCode row at 2025-01-11T18:30:00 must be excluded');
    assert.ok(upToEleventh.includes('abc904_c'), 'AtCoder row at 2025-01-11T00:00:00 must be included');
    assert.ok((await ids({ end_date: '2025-01-12' })).includes('9113'));
    assert.deepEqual(await ids({ start_date: '2025-01-11', end_date: '2025-01-11' }), ['abc904_c']);
  });

  it('start_date is inclusive at midnight', async () => {
    const fromEleventh = await ids({ start_date: '2025-01-11' });
    assert.ok(fromEleventh.includes('9113') && fromEleventh.includes('abc904_c'));
    assert.ok(!fromEleventh.includes('9905_B'));
    assert.ok((await ids({ start_date: '2023-05-01' })).includes('abc901_b'));
    assert.ok(!(await ids({ start_date: '2023-05-02' })).includes('abc901_b'));
  });

  it('windows and release versions select different subsets', async () => {
    const v5 = await ids({ release_version: 'v5' });
    const window = await ids({ start_date: '2024-10-01', end_date: '2025-01-31' });
    assert.deepEqual(v5, window);
    assert.equal((await ids({ release_version: 'release_v3', start_date: '2024-06-01' })).length, 6);
    assert.deepEqual(await ids({ release_version: 'release_v1', start_date: '2024-06-01' }), []);
  });

  it('applies to test output prediction and code execution too; CRUXEval rows have no date', async () => {
    const top = await loadTestOutputPrediction('sample', {
      filter: { start_date: '2025-01-11', end_date: '2025-01-11' },
    });
    assert.deepEqual(top.problems, []);
    const exec = await loadCodeExecution('sample', { filter: { start_date: '2025-04-01' } });
    assert.deepEqual(
      exec.problems.map((p) => p.question_id),
      [9123, 9123],
    );
  });
});

describe('other filters', () => {
  it('platform and difficulty are exact-match sets', async () => {
    const codeforces = await ids({ platform: ['codeforces'] });
    assert.deepEqual(codeforces, ['9901_A', '9901_B', '9902_C', '9903_D', '9904_E', '9905_B', '9906_F']);
    const hardAtcoder = await ids({ platform: ['atcoder'], difficulty: ['hard'] });
    assert.deepEqual(hardAtcoder, ['abc906_e', 'arc901_c', 'arc902_b']);
    assert.equal((await ids({ difficulty: ['easy', 'hard'] })).length, 25);
  });

  it('question ids select problems and report the ones that match nothing', async () => {
    const set = await openCodeGeneration('sample', {
      filter: { question_ids: ['abc903_b', '9101', 'nope'] },
    });
    assert.deepEqual(
      set.problems.map((p) => p.question_id),
      ['9101', 'abc903_b'],
    );
    assert.deepEqual(set.unmatched_question_ids, ['nope']);
  });

  it('errata are kept and marked by id or title slug, and dropped with exclude_errata', async () => {
    const set = await openCodeGeneration('sample');
    const marked = set.problems.filter((p) => p.errata !== null);
    assert.deepEqual(
      marked.map((p) => [p.question_id, p.errata!.id, p.errata!.category]),
      [
        ['9105', 'find-the-peaks', 'multiple_solutions'],
        ['abc362_c', 'abc362_c', 'multiple_solutions'],
      ],
    );
    const excluded = await ids({ exclude_errata: true });
    assert.equal(excluded.length, 43);
    assert.ok(!excluded.includes('9105') && !excluded.includes('abc362_c'));
    const top = await loadTestOutputPrediction('sample', { filter: { exclude_errata: true } });
    assert.ok(top.problems.every((p) => p.question_id !== '9105'));
  });

  it('rejects bad settings with a message naming them', () => {
    assert.throws(
      () => compileFilter({ release_version: 'release_v9' }),
      /--release-version: unknown version tag "release_v9"/,
    );
    assert.throws(() => compileFilter({ start_date: '2024-02-30' }), /--start-date: not a calendar date/);
    assert.throws(
      () => compileFilter({ start_date: '2024-05-01', end_date: '2024-04-01' }),
      /is after --end-date/,
    );
    assert.throws(() => compileFilter({ end_date: 'May 1' }), /end_date: expected a date YYYY-MM-DD/);
  });
});

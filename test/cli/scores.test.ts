import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runHrmLcb } from '../helpers/cli.ts';

const row = (contest_date: string, platform: string, difficulty: string, graded_list: boolean[]) => ({
  question_id: contest_date,
  contest_date,
  platform,
  difficulty,
  graded_list,
  'pass@1': graded_list.filter(Boolean).length / graded_list.length,
});

function evalAllFile(rows: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'scores-')), 'x_eval_all.json');
  writeFileSync(path, JSON.stringify(rows));
  return path;
}

describe('hrm-lcb scores', () => {
  const file = evalAllFile([
    row('2025-01-10T00:00:00', 'leetcode', 'easy', [true, true]),
    row('2025-01-11T00:00:00', 'atcoder', 'hard', [false, true]),
    row('2025-01-11T18:30:00', 'leetcode', 'medium', [false, false]),
    row('2024-12-31T23:59:59', 'codeforces', 'medium', [true, false]),
  ]);

  it('filters by an inclusive window whose bounds are midnight (18:30 on the end day is out)', async () => {
    const result = await runHrmLcb([
      'scores',
      '--eval-all',
      file,
      '--start-date',
      '2025-01-01',
      '--end-date',
      '2025-01-11',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      count: number;
      pass_at_1: number;
      pass_at_1_by_difficulty: Record<string, number>;
      pass_at_k: { k: number; all: number; medium: number | null }[];
    };
    assert.equal(report.count, 2);
    assert.equal(report.pass_at_1, 0.75);
    assert.deepEqual(report.pass_at_1_by_difficulty, { easy: 1, hard: 0.5 });
    assert.equal(report.pass_at_k[0]!.medium, null, 'an empty difficulty is nan upstream');
    assert.equal(report.pass_at_k.find((r) => r.k === 5)!.all, 1);
  });

  it('filters by platform with LCB spellings (--eval_all_file, --start_date) and prints a table', async () => {
    const result = await runHrmLcb(['scores', '--eval_all_file', file, '--platform', 'leetcode']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^2 problems\n/);
    assert.match(
      result.stdout,
      /Pass@1 \(mean of stored pass@1\): 0\.5000 {2}easy 1\.0000 {2}medium 0\.0000 {2}hard -/,
    );
  });

  it('names the row and field of a bad _eval_all file (exit 3)', async () => {
    const bad = evalAllFile([
      row('2025-01-10T00:00:00', 'leetcode', 'easy', [true]),
      { contest_date: 'yesterday', graded_list: [], 'pass@1': 0 },
    ]);
    const result = await runHrmLcb(['scores', '--eval-all', bad]);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /field \[1\]\.contest_date: not a naive ISO datetime: "yesterday"/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openCodeGeneration } from '../../src/lcb/index.ts';
import { runHrmLcb } from '../helpers/cli.ts';
import { codegenRow, tempDir, writeLite } from '../lcb/fixtures.ts';

function assertNoStack(stderr: string): void {
  assert.doesNotMatch(stderr, /\n\s+at .*\.ts:\d+/);
}

describe('hrm-lcb data', { concurrency: 2 }, () => {
  it('info prints counts by scenario, difficulty and platform for the embedded sample', async () => {
    const result = await runHrmLcb(['data', 'info', '--dataset', 'sample']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^dataset: sample \(/);
    assert.match(result.stdout, /release: release_latest \(test\.jsonl … test6\.jsonl\)/);
    assert.match(
      result.stdout,
      /codegeneration: 45 problems\n {10}leetcode {2}codeforces {2}atcoder {2}total\n {2}easy {11}7/,
    );
    assert.match(result.stdout, /testoutputprediction: 46 problems/);
    assert.match(result.stdout, /codeexecution: 46 problems/);
    assert.match(
      result.stdout,
      /errata \(kept, marked\): 9105 \(multiple solutions\), abc362_c \(multiple solutions\)/,
    );
    assert.match(result.stdout, /total: 137\n$/);
  });

  it('info --json gives total and counts[scenario][difficulty][platform][month], with LCB flag spellings', async () => {
    const args = [
      '--scenario',
      'generation',
      '--release_version',
      'release_v2',
      '--start_date',
      '2023-06-01',
      '--end_date',
      '2024-05-05',
    ];
    const result = await runHrmLcb(['data', 'info', '--dataset', 'sample', ...args, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const info = JSON.parse(result.stdout) as {
      total: number;
      counts: Record<string, Record<string, Record<string, Record<string, number>>>>;
      totals: Record<string, { total: number }>;
    };
    const expected = await openCodeGeneration('sample', {
      filter: { release_version: 'release_v2', start_date: '2023-06-01', end_date: '2024-05-05' },
    });
    assert.equal(info.total, expected.problems.length);
    assert.deepEqual(Object.keys(info.counts), ['codegeneration']);
    let sum = 0;
    for (const p of expected.problems) {
      const month = p.contest_date.slice(0, 7);
      assert.ok((info.counts.codegeneration?.[p.difficulty]?.[p.platform]?.[month] ?? 0) >= 1, p.question_id);
    }
    for (const byPlatform of Object.values(info.counts.codegeneration!)) {
      for (const byMonth of Object.values(byPlatform)) for (const n of Object.values(byMonth)) sum += n;
    }
    assert.equal(sum, info.total);
    assert.equal(info.totals.codegeneration!.total, info.total);
  });

  it('show prints one problem with its decoded tests', async () => {
    const result = await runHrmLcb(['data', 'show', '9113', '--scenario', 'codegeneration']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^codegeneration · 9113 · minimum-edit-steps\n/);
    assert.match(result.stdout, /date: 2025-01-11T18:30:00/);
    assert.match(
      result.stdout,
      /tests: 2 public, 4 private\n--- public 1 \(functional\) input ---\n"horse"\n"ros"\n--- output ---\n3\n/,
    );
    const missing = await runHrmLcb(['data', 'show', 'abc000_z']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no problem "abc000_z" in sample/);
  });

  it('rejects a bad flag value with exit code 2, naming the flag', async () => {
    const result = await runHrmLcb(['data', 'info', '--release-version', 'release_v9']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--release-version: unknown version tag .*got "release_v9"/);
    assertNoStack(result.stderr);
  });

  it('a malformed row stops with exit 3 naming file, line and field; --skip-invalid continues and reports it', async () => {
    const root = tempDir();
    const dir = writeLite(root, {
      'test.jsonl': [
        codegenRow({ question_id: 'a' }),
        codegenRow({ question_id: 'b', difficulty: 'extreme' }),
        codegenRow({ question_id: 'c' }),
      ],
    });
    const stopped = await runHrmLcb(['data', 'info', '--dataset', root, '--release-version', 'v1']);
    assert.equal(stopped.code, 3);
    assert.equal(
      stopped.stderr,
      `hrm-lcb: error: ${dir}/test.jsonl:2: field difficulty: expected one of easy, medium, hard; got "extreme"\n`,
    );
    const skipped = await runHrmLcb([
      'data',
      'info',
      '--dataset',
      root,
      '--release-version',
      'v1',
      '--skip-invalid',
      '--json',
    ]);
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.match(
      skipped.stderr,
      /skipped 1 invalid row \(--skip-invalid\):\n {2}.*test\.jsonl:2: field difficulty/,
    );
    const info = JSON.parse(skipped.stdout) as {
      total: number;
      invalid: Array<{ line: number; field: string }>;
    };
    assert.equal(info.total, 2);
    assert.deepEqual(
      info.invalid.map((e) => [e.line, e.field]),
      [[2, 'difficulty']],
    );
  });

  it('validate reports each bad row and exits 1; the sample validates clean', async () => {
    const root = tempDir();
    writeLite(root, { 'test.jsonl': ['{"broken"', codegenRow({ contest_date: 'soon' })] });
    const bad = await runHrmLcb(['data', 'validate', root, '--quiet']);
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stdout, /^BAD {2}.*test\.jsonl: 2 rows \(codegeneration\), 2 bad\n/);
    assert.match(bad.stdout, /error: .*test\.jsonl:1: invalid JSON/);
    assert.match(bad.stdout, /error: .*test\.jsonl:2: field contest_date: expected a naive ISO datetime/);
    const good = await runHrmLcb(['data', 'validate', 'sample', '--quiet']);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /137 rows in 8 files: 0 bad, 0 warnings/);
  });
});

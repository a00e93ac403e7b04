import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { it } from 'node:test';
import type { ProblemRow } from '../../src/contracts/journal.ts';
import { type ProblemOutcome, problemKey, summarize } from '../../src/report/summary.ts';

function problem(
  id: string,
  difficulty: 'easy' | 'medium' | 'hard',
  date: string,
  platform: 'leetcode' | 'atcoder',
): ProblemRow {
  return {
    scenario: 'codegeneration',
    problem_id: id,
    samples: 10,
    difficulty,
    platform,
    contest_date: date,
    title: id,
    prompt: '',
    cost: 1,
    record: {},
  };
}

const problems = [
  problem('p1', 'easy', '2024-01-03T00:00:00', 'leetcode'),
  problem('p2', 'easy', '2024-01-20T00:00:00', 'atcoder'),
  problem('p3', 'medium', '2024-02-01T00:00:00', 'leetcode'),
  problem('p4', 'hard', '2024-03-09T00:00:00', 'atcoder'),
  problem('p5', 'hard', '2024-03-10T00:00:00', 'atcoder'),
];
const nc: [number, number][] = [
  [10, 10],
  [10, 3],
  [10, 0],
  [10, 7],
  [10, 1],
];
const outcomes = new Map<string, ProblemOutcome>(
  problems.map((p, i) => [
    problemKey('codegeneration', p.problem_id),
    { n: nc[i]![0], c: nc[i]![1], errors: 0, journaled: 10, gradeMs: 0 },
  ]),
);

/** LCB's numbers from numpy: the mean over problems of 1 - prod(1 - k / arange(n - c + 1, n + 1)). */
function numpyPassAt(pairs: [number, number][], k: number): number {
  const script = [
    'import json, sys, numpy as np',
    'pairs, k = json.load(sys.stdin)',
    'def est(n, c): return 1.0 if n - c < k else 1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1))',
    'print(repr(float(np.array([est(n, c) for n, c in pairs]).mean())))',
  ].join('\n');
  return Number(
    execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify([pairs, k]), encoding: 'utf8' }),
  );
}

it('computes pass@k overall and per difficulty, platform and month exactly as LCB (numpy) does', () => {
  const [scenario] = summarize(problems, outcomes).scenarios;
  assert.equal(scenario!.overall.passAt['pass@1'], numpyPassAt(nc, 1));
  assert.equal(scenario!.overall.passAt['pass@5'], numpyPassAt(nc, 5));
  assert.equal(scenario!.overall.passAt['pass@10'], numpyPassAt(nc, 10));
  assert.equal(scenario!.overall.passAt['pass@20'], undefined, 'no k above the smallest n');
  assert.deepEqual(
    scenario!.byDifficulty.map((s) => [s.label, s.problems, s.passAt['pass@1']]),
    [
      ['easy', 2, numpyPassAt([nc[0]!, nc[1]!], 1)],
      ['medium', 1, 0],
      ['hard', 2, numpyPassAt([nc[3]!, nc[4]!], 1)],
    ],
  );
  assert.deepEqual(
    scenario!.byMonth.map((s) => [s.label, s.problems]),
    [
      ['2024-01', 2],
      ['2024-02', 1],
      ['2024-03', 2],
    ],
  );
  assert.deepEqual(
    scenario!.byPlatform.map((s) => [s.label, s.problems]),
    [
      ['atcoder', 3],
      ['leetcode', 2],
    ],
  );
  assert.equal(scenario!.curve.length, 10);
  assert.equal(scenario!.curve[4]!.value, numpyPassAt(nc, 5));
});

it('counts planned samples without a row and infrastructure errors; problems without a verdict are not scored', () => {
  const partial = new Map(outcomes);
  partial.set(problemKey('codegeneration', 'p5'), { n: 0, c: 0, errors: 4, journaled: 4, gradeMs: 0 });
  partial.delete(problemKey('codegeneration', 'p4'));
  const summary = summarize(problems, partial);
  assert.equal(summary.missing, 6 + 10);
  assert.equal(summary.errors, 4);
  assert.equal(summary.scenarios[0]!.overall.problems, 3);
  assert.equal(summary.scenarios[0]!.overall.errors, 4);
  assert.equal(summary.scenarios[0]!.overall.passAt['pass@1'], numpyPassAt(nc.slice(0, 3), 1));
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeScores, type ScoredRow } from '../../src/grade/scores.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';
import { runPython } from '../python/python-oracle.ts';

describe('compute_scores', () => {
  it('matches numpy/Python arithmetic of compute_scores on random graded lists', () => {
    const random = seededRandom(23);
    const rows: ScoredRow[] = Array.from({ length: 97 }, () => {
      const graded = Array.from({ length: 1 + Math.floor(random() * 12) }, () => random() < 0.4);
      return {
        difficulty: pick(random, ['easy', 'medium', 'hard']),
        graded_list: graded,
        'pass@1': graded.filter(Boolean).length / graded.length,
      };
    });
    const want = runPython<{ k: number; all: number; easy: number; medium: number; hard: number }[]>(
      `
import json, sys
import numpy as np
rows = json.load(sys.stdin)
def est(n, c, k):
    return 1.0 if n - c < k else 1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1))
def mean(rs, k):
    return float(np.array([est(len(r["graded_list"]), sum(r["graded_list"]), k) for r in rs]).mean())
out = []
for k in [1, 5, 10, 25, 50, 100, 150, 200]:
    out.append({"k": k, "all": mean(rows, k), **{d: mean([r for r in rows if r["difficulty"] == d], k) for d in ["easy", "medium", "hard"]}})
print(json.dumps(out))
`,
      rows,
    );
    const scores = computeScores(rows);
    assert.deepEqual(scores.passAtK, want);
    let sum = 0;
    for (const row of rows) sum += row['pass@1'];
    assert.equal(scores.pass1, sum / rows.length);
  });

  it('an empty difficulty is nan in the pass@k lines and absent from pass@1; no rows gives null', () => {
    const scores = computeScores([{ difficulty: 'easy', graded_list: [true], 'pass@1': 1 }]);
    assert.ok(Number.isNaN(scores.passAtK[0]!.hard));
    assert.deepEqual(scores.pass1ByDifficulty, { easy: 1 });
    assert.equal(scores.passAtK.find((r) => r.k === 5)!.all, 1, 'no n >= k guard: n - c < k counts 1.0');
    assert.equal(computeScores([]).pass1, null);
  });
});

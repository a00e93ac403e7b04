import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeMetricsFromResults,
  extractInstanceResults,
  generationCorrect,
  numpyMean,
  passAtK,
  type ResultsByTask,
} from '../../src/grade/pass-at-k.ts';
import { seededRandom } from '../helpers/seeded-random.ts';
import { runPython } from '../python/python-oracle.ts';
import { conformanceCases } from './conformance-cases.ts';

describe('pass@k', () => {
  for (const c of conformanceCases<{ id: string; n: number; c: number; k: number; expected: number }>(
    'pass_at_k',
  )) {
    it(c.id, () => assert.equal(passAtK(c.n, c.c, c.k), c.expected));
  }

  it('matches numpy bit for bit on random (n, c, k), and numpy mean on random float arrays', () => {
    const random = seededRandom(17);
    const triples = Array.from({ length: 300 }, () => {
      const n = 1 + Math.floor(random() * 300);
      return [n, Math.floor(random() * (n + 1)), 1 + Math.floor(random() * 40)];
    });
    const arrays = Array.from({ length: 60 }, (_, i) =>
      Array.from(
        { length: 1 + Math.floor(random() * (i % 3 === 0 ? 30000 : 300)) },
        () => random() * 10 ** Math.floor(random() * 6),
      ),
    );
    const want = runPython<{ pk: number[]; means: number[] }>(
      `
import json, sys
import numpy as np
d = json.load(sys.stdin)
def est(n, c, k):
    return 1.0 if n - c < k else float(1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1)))
print(json.dumps({"pk": [est(*t) for t in d["triples"]], "means": [float(np.array(a).mean()) for a in d["arrays"]]}))
`,
      { triples, arrays },
    );
    for (const [i, [n, c, k]] of triples.entries())
      assert.equal(passAtK(n!, c!, k!), want.pk[i], `${n} ${c} ${k}`);
    for (const [i, array] of arrays.entries())
      assert.equal(numpyMean(array), want.means[i], `array of ${array.length}`);
  });
});

describe('compute_metrics_from_results', () => {
  for (const c of conformanceCases<{
    id: string;
    results: ResultsByTask;
    k_list: number[];
    expected: unknown;
  }>('metrics')) {
    it(c.id, () => assert.deepEqual(computeMetricsFromResults(c.results, c.k_list), c.expected));
  }

  it('counts a generation correct only when every entry is > 0; [] is correct', () => {
    assert.equal(generationCorrect([true, true]), true);
    assert.equal(generationCorrect([true, false]), false);
    assert.equal(generationCorrect([true, -2]), false);
    assert.equal(generationCorrect([]), true);
    assert.deepEqual(extractInstanceResults({ '10': [[true]], '2': [[-1], [true, true]] }), [
      [false, true],
      [true],
    ]);
  });
});

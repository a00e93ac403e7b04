import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.ts';
import { alignPredictions } from '../../src/grade/predictions.ts';

describe('alignPredictions (custom_evaluator input formats)', () => {
  it('takes lists of answers by position and keyed entries by key', () => {
    assert.deepEqual(alignPredictions('p.json', [['a'], ['b', 'c']], 'codegeneration', ['1', '2']), [
      ['a'],
      ['b', 'c'],
    ]);
    const keyed = [
      { question_id: 2, code_list: ['y'] },
      { question_id: '1', code_list: ['x'] },
    ];
    assert.deepEqual(alignPredictions('p.json', keyed, 'codegeneration', ['1', '2']), [['x'], ['y']]);
    const rows = [{ question_id: 'q', test_id: 0, pred_list: ['assert f() == 1'] }];
    assert.deepEqual(alignPredictions('p.json', rows, 'testoutputprediction', ['q/0']), [
      ['assert f() == 1'],
    ]);
    assert.deepEqual(
      alignPredictions('p.json', [{ id: 'sample_3', pred_list: ['4'] }], 'codeexecution', ['sample_3']),
      [['4']],
    );
  });

  it('names missing and unknown problems, the field of a bad entry, and a count mismatch', () => {
    const keyed = [{ question_id: 'b', code_list: [] }];
    assert.throws(
      () => alignPredictions('p.json', keyed, 'codegeneration', ['a']),
      (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.match(e.message, /no answers for a; answers for problems not in the benchmark: b/);
        return true;
      },
    );
    assert.throws(
      () => alignPredictions('p.json', [{ question_id: 'a', code_list: [3] }], 'codegeneration', ['a']),
      /field \[0\]\.code_list\[0\]/,
    );
    assert.throws(
      () => alignPredictions('p.json', [['x']], 'codegeneration', ['a', 'b']),
      /has 1 answer lists but the benchmark has 2 problems/,
    );
    assert.throws(
      () => alignPredictions('p.json', {}, 'codegeneration', ['a']),
      /expected a non-empty JSON list/,
    );
  });
});

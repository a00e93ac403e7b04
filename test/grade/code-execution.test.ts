import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  executionResultList,
  predictionOutcomes,
  resolvePrediction,
  type WorldMessage,
} from '../../src/grade/code-execution.ts';

const five = { kind: 'value' as const, value: 5n };

describe('code execution verdicts', () => {
  it('a deciding probe is the verdict: true output == the prediction value', () => {
    const probe = (value: bigint): WorldMessage[] => [{ event: 'probe', path: '', value, decides: true }];
    assert.equal(resolvePrediction(probe(5n), five, 'lcb'), true);
    assert.equal(resolvePrediction(probe(6n), five, 'lcb'), false);
  });

  it('follows the world matching the real comparison (`5 == 6 or True` passes, `5 == 6 and True` fails)', () => {
    const worlds = (ifTrue: boolean, ifFalse: boolean): WorldMessage[] => [
      { event: 'probe', path: '', value: 6n, decides: false },
      { event: 'end', path: 'T', passed: ifTrue, error: null },
      { event: 'end', path: 'F', passed: ifFalse, error: ifFalse ? null : 'AssertionError()' },
    ];
    assert.equal(resolvePrediction(worlds(true, true), five, 'lcb'), true);
    assert.equal(resolvePrediction(worlds(true, false), five, 'lcb'), false);
  });

  it('a missing world (killed at its time limit) fails; a true output that raises fails everything', () => {
    assert.equal(
      resolvePrediction([{ event: 'probe', path: '', value: 5n, decides: false }], five, 'lcb'),
      false,
    );
    const probe: WorldMessage[] = [{ event: 'probe', path: '', value: 5n, decides: true }];
    assert.equal(resolvePrediction(probe, { kind: 'raises', repr: 'NameError()' }, 'lcb'), false);
  });

  it('skipped predictions are dropped from the list ([False] * n when all are), kept as False when fixed', () => {
    const verdicts = new Map([
      [0, true],
      [2, false],
    ]);
    const list = (predictions: string[], known: Map<number, boolean>, mode: 'lcb' | 'fixed') =>
      executionResultList(predictionOutcomes(predictions, 'f(x = 1)', known, mode));
    assert.deepEqual(predictionOutcomes(['5', 'f(x = 1)', '7'], 'f(x = 1)', verdicts, 'lcb'), [
      true,
      'skipped',
      false,
    ]);
    assert.deepEqual(list(['5', 'f(x = 1)', '7'], verdicts, 'lcb'), [true, false]);
    assert.deepEqual(list(['f(x = 1)', 'y = f(x = 1)'], new Map(), 'lcb'), [false, false]);
    assert.deepEqual(list(['5', 'f(x = 1)', '7'], verdicts, 'fixed'), [true, false, false]);
    assert.deepEqual(list([], new Map(), 'lcb'), []);
    assert.deepEqual(executionResultList(['skipped', 'skipped', 'skipped']), [false, false, false]);
  });
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DIFFICULTY_COST, estimateCost, longestFirst } from '../../src/evaluate/schedule.ts';

it('orders by cost, longest first, ties by (scenario, problem)', () => {
  const units = [
    { scenario: 'codegeneration', problemId: 'b', cost: 2 },
    { scenario: 'codeexecution', problemId: 'z', cost: 9 },
    { scenario: 'codegeneration', problemId: 'a', cost: 2 },
    { scenario: 'codeexecution', problemId: 'a', cost: 2 },
  ];
  assert.deepEqual(
    longestFirst(units).map((u) => `${u.scenario}/${u.problemId}`),
    ['codeexecution/z', 'codeexecution/a', 'codegeneration/a', 'codegeneration/b'],
  );
});

it('uses measured grading time when a previous attempt recorded one, else the difficulty weight', () => {
  assert.equal(estimateCost('hard', 12_345), 12_345);
  assert.equal(estimateCost('hard', undefined), DIFFICULTY_COST.hard! * 1_000);
  assert.ok(estimateCost('hard', undefined) > estimateCost('medium', 0));
  assert.ok(estimateCost('medium', undefined) > estimateCost('easy', undefined));
  assert.equal(estimateCost(null, undefined), 1_000);
});

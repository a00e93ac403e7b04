import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { codeExecutionSample, loadCodeExecution, loadCruxEval } from '../../src/lcb/index.ts';
import { SHARED } from '../helpers/cli.ts';

const CRUXEVAL = join(SHARED, 'data', 'cruxeval', 'cruxeval.jsonl');

describe('CRUXEval as code execution', () => {
  it('loads all 800 rows, adapted with input := "f(" + input + ")", sorted by id number', async () => {
    const result = await loadCruxEval(CRUXEVAL);
    assert.equal(result.problems.length, 800);
    assert.equal(result.rows, 800);
    assert.deepEqual(result.invalid, []);
    assert.deepEqual(
      result.problems.slice(0, 3).map((p) => p.id),
      ['sample_0', 'sample_1', 'sample_2'],
    );
    assert.equal(result.problems.at(-1)!.id, 'sample_799');
    const second = result.problems[1]!;
    assert.equal(second.input, 'f((1, ), (1, ), (1, 2))');
    assert.equal(second.output, '{1: None, 2: None}');
    assert.equal(second.function_name, 'f');
    assert.match(second.code, /^def f\(a, b, c\):/);
    assert.deepEqual(
      [second.question_id, second.contest_date, second.difficulty, second.numsteps],
      [null, null, null, null],
    );
    assert.deepEqual(codeExecutionSample(second), {
      code: second.code,
      input: second.input,
      output: second.output,
    });
  });

  it('is found in a folder holding cruxeval.jsonl, by id filter', async () => {
    const result = await loadCodeExecution(join(SHARED, 'data', 'cruxeval'), {
      filter: { question_ids: ['sample_42'] },
    });
    assert.deepEqual(
      result.problems.map((p) => p.id),
      ['sample_42'],
    );
  });
});

describe('execution-v2 of the sample (Parquet)', () => {
  it('reads typed columns: int64 ids and steps, list<int64>, timestamp[us]', async () => {
    const result = await loadCodeExecution('sample');
    assert.equal(result.problems.length, 46);
    const first = result.problems[0]!;
    assert.equal(first.id, 'sample_0');
    assert.equal(first.question_id, 9101);
    assert.equal(typeof first.numsteps, 'number');
    assert.deepEqual(first.problem_id, [9101, 0]);
    assert.equal(first.contest_date, '2023-05-21T00:00:00');
    assert.equal(first.input, 'countEvenDigitSums(nums = [12, 5, 11, 246])');
    assert.equal(first.output, '2');
    const numbers = result.problems.map((p) => Number(p.id.split('_')[1]));
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeExecutionProblem, CodeGenerationMeta } from '../../src/contracts/lcb-problem.ts';
import { codeExecutionPassAt1, metadataJson } from '../../src/grade/lcb-rows.ts';
import {
  codeExecutionResultFiles,
  codegenResultFiles,
  evalFileNames,
  lcbOutputFileName,
} from '../../src/grade/result-files.ts';
import { pyJsonDumps } from '../../src/python/json-dumps.ts';

const meta = (id: string): CodeGenerationMeta => ({
  question_title: `t${id}`,
  question_content: 'q',
  platform: 'atcoder',
  question_id: id,
  contest_id: 'abc1',
  contest_date: '2024-01-02T00:00:00',
  contest_date_us: 0,
  starter_code: '',
  difficulty: 'easy',
  metadata: {},
  errata: null,
  source: { file: 'x', line: 1 },
});

describe('LCB result files', () => {
  it('code generation: [metrics, results, metadata] and eval_all rows in insert_output order', () => {
    const files = codegenResultFiles([
      {
        problem: meta('a'),
        outputList: ['x', 'y'],
        extractedList: ['x', 'y'],
        results: [
          [true, true],
          [true, -2],
        ],
        metadata: [
          { 'execution time': 0.5 },
          { output: '1', inputs: '2', expected: '3', error_code: -2, error_message: 'm' },
        ],
      },
    ]);
    const [metrics, results, metadata] = files.eval as [Record<string, unknown>, unknown, string[][]];
    assert.deepEqual(metrics, { 'pass@1': 0.5, detail: { 'pass@1': { '0': 0.5 } } });
    assert.deepEqual(results, {
      '0': [
        [true, true],
        [true, -2n],
      ],
    });
    assert.deepEqual(metadata, [
      [
        '{"execution time": 0.5}',
        '{"output": "1", "inputs": "2", "expected": "3", "error_code": -2, "error_message": "m"}',
      ],
    ]);
    const row = (files.evalAll as Record<string, unknown>[])[0]!;
    assert.deepEqual(Object.keys(row), [
      'question_title',
      'question_content',
      'platform',
      'question_id',
      'contest_id',
      'contest_date',
      'starter_code',
      'difficulty',
      'output_list',
      'code_list',
      'graded_list',
      'pass@1',
      'metadata',
    ]);
    assert.deepEqual(row.graded_list, [true, false]);
    assert.match(pyJsonDumps(files.eval, 4), /"pass@1": 0\.5,\n {8}"detail"/);
  });

  it('code execution: pass@1 in percent through the estimator; rows keep ints as ints', () => {
    assert.equal(codeExecutionPassAt1([[true, false, false], [true]]), ((1 - (1 - 1 / 3) * 1 + 1) / 2) * 100);
    const problem: CodeExecutionProblem = {
      question_id: 7,
      id: 'sample_7',
      function_name: 'f',
      code: 'def f(): return 1',
      input: 'f()',
      output: '1',
      numsteps: 3,
      problem_id: [1, 2],
      contest_id: null,
      contest_date: null,
      contest_date_us: null,
      difficulty: null,
      source: { file: 'x', line: 1 },
    };
    const files = codeExecutionResultFiles([
      { problem, outputList: ['1'], extractedList: ['1'], results: [[true]] },
    ]);
    assert.equal(pyJsonDumps(files.eval), '[{"pass@1": 100.0}, {"0": [[true]]}]');
    assert.match(pyJsonDumps(files.output), /"question_id": 7, .*"problem_id": \[1, 2\], "numsteps": 3/);
  });

  it('names files as LCB does', () => {
    assert.equal(lcbOutputFileName('codegeneration', 10, 0.2), 'Scenario.codegeneration_10_0.2.json');
    assert.equal(lcbOutputFileName('codeexecution', 1, 0, true), 'Scenario.codeexecution_1_0.0_cot.json');
    assert.deepEqual(evalFileNames('a.json/b_output.json'), {
      eval: 'a.json/b_output_eval.json',
      evalAll: 'a.json/b_output_eval_all.json',
    });
    assert.equal(
      metadataJson({ error_code: -4, error_message: 'Error during testing: é' }),
      '{"error_code": -4, "error_message": "Error during testing: \\u00e9"}',
    );
  });
});

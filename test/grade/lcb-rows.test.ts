import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { TestOutputPredictionProblem } from '../../src/contracts/lcb-problem.ts';
import {
  lcbEvalAllRow,
  lcbEvalJson,
  lcbOutputRow,
  metadataJson,
  testOutputRecord,
} from '../../src/grade/lcb-rows.ts';
import { pyJsonDumps } from '../../src/python/json-dumps.ts';
import { runPython } from '../python/python-oracle.ts';

const testOutputProblem: TestOutputPredictionProblem = {
  question_title: 'Sum é',
  question_content: 'q',
  question_id: '3000',
  contest_id: 'weekly-1',
  contest_date: '2024-01-02T00:00:00',
  contest_date_us: 0,
  difficulty: 'easy',
  test: [{ input: '1', output: '2', testtype: 'functional' }],
  starter_code: 'class Solution: ...',
  function_name: 'f',
  test_id: 2,
  errata: null,
  source: { file: 'x', line: 1 },
};

it('test output rows put output_list and pred_list before test_id, as insert_output does', () => {
  const row = lcbOutputRow('testoutputprediction', testOutputRecord(testOutputProblem), ['raw'], ['2']);
  const evalAll = lcbEvalAllRow(row, [true]);
  // upstream's dict literal, filled from the same values, dumped by CPython
  const expected = runPython<string>(
    [
      'import json,sys',
      'p = json.load(sys.stdin)',
      'row = {"question_title": p["question_title"], "question_content": p["question_content"],',
      '       "question_id": p["question_id"], "contest_id": p["contest_id"], "contest_date": p["contest_date"],',
      '       "difficulty": p["difficulty"], "output_list": ["raw"], "pred_list": ["2"],',
      '       "test_id": p["test_id"], "function_name": p["function_name"], "starter_code": p["starter_code"]}',
      'row["graded_list"] = [True]',
      'row["pass@1"] = row["graded_list"].count(True) / len(row["graded_list"])',
      'print(json.dumps(json.dumps(row, indent=4)))',
    ].join('\n'),
    testOutputProblem,
  );
  assert.equal(pyJsonDumps(evalAll, 4), expected);
});

it('an _eval_all row without graded answers has pass@1 0.0 (upstream would divide by zero)', () => {
  assert.equal(lcbEvalAllRow({}, [])['pass@1'], 0);
  assert.equal(pyJsonDumps(lcbEvalAllRow({}, [])), '{"graded_list": [], "pass@1": 0.0}');
});

it("code execution's _eval.json is compute_code_execution_metrics: pass@1 in percent", () => {
  const results = { '0': [[true], [false], [true]], '1': [[false]], '2': [[true], [true]] };
  const [metrics, echoed] = lcbEvalJson('codeexecution', results) as [{ 'pass@1': number }, unknown];
  const python = runPython<number>(
    [
      'import json,sys,numpy as np',
      'r = json.load(sys.stdin)',
      'p = []',
      'for k in r:',
      '    x = [v[0] for v in r[k]]',
      '    n, c = len(x), x.count(True)',
      '    p.append(1.0 if n - c < 1 else 1.0 - np.prod(1.0 - 1 / np.arange(n - c + 1, n + 1)))',
      'print(json.dumps(sum(p) / len(p) * 100))',
    ].join('\n'),
    results,
  );
  assert.equal(metrics['pass@1'], python);
  assert.deepEqual(echoed, results);
});

it('_eval.json is [metrics, results] for test output (k 1 and 5) and adds metadata for code generation', () => {
  const results = { '0': Array.from({ length: 5 }, (_, i) => [i < 2]) };
  const top = lcbEvalJson('testoutputprediction', results) as [Record<string, unknown>, unknown];
  assert.equal(top.length, 2);
  assert.deepEqual(Object.keys(top[0]), ['pass@1', 'pass@5', 'detail']);
  const gen = lcbEvalJson('codegeneration', { '0': [[true, -2]] }, [['{}']]) as unknown[];
  assert.equal(gen.length, 3);
  assert.deepEqual(gen[1], { '0': [[true, -2n]] });
  assert.deepEqual(gen[2], [['{}']]);
});

it("metadataJson is Python's json.dumps of the metadata dict (key order kept, execution time a float)", () => {
  const dicts: Record<string, string | number>[] = [
    { 'execution time': 0.0001308917999267578 },
    { 'execution time': 2 },
    {
      output: 'é ✓ "q" \\ \n\t\u007f\u0001',
      inputs: '😀',
      expected: '3',
      error_code: -2,
      error_message: 'Wrong answer at output_line_idx=0: é != 3',
    },
    {
      error: "ValueError('x')",
      error_code: -4,
      error_message: 'Runtime Error',
      inputs: '[1, 2]',
      expected: '3',
    },
    { error_code: -4, error_message: "Error during testing: '(' was never closed (<string>, line 1)" },
  ];
  // CPython rebuilds each dict with the same key order and value types (execution time is a float)
  const expected = runPython<string[]>(
    [
      'import json,sys',
      'out = []',
      'for d in json.load(sys.stdin):',
      '    if "execution time" in d: d["execution time"] = float(d["execution time"])',
      '    out.append(json.dumps(d))',
      'print(json.dumps(out))',
    ].join('\n'),
    dicts,
  );
  assert.deepEqual(dicts.map(metadataJson), expected);
});

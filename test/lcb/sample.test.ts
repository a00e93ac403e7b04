import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  loadCodeExecution,
  loadCodeGeneration,
  loadReferences,
  loadTestOutputPrediction,
  SAMPLE_DIR,
} from '../../src/lcb/index.ts';

describe('the embedded sample set', async () => {
  const problems = await loadCodeGeneration('sample');
  const top = (await loadTestOutputPrediction('sample')).problems;
  const exec = (await loadCodeExecution('sample')).problems;
  const references = await loadReferences('sample');

  it('has at least 40 code-generation problems: 15+ functional with starter code, 15+ stdin', () => {
    assert.ok(problems.length >= 40);
    const functional = problems.filter((p) => p.metadata.func_name !== undefined);
    const stdin = problems.filter((p) => p.metadata.func_name === undefined);
    assert.ok(functional.length >= 15 && stdin.length >= 15);
    for (const p of functional) {
      assert.equal(p.platform, 'leetcode');
      assert.match(p.starter_code, new RegExp(`^class Solution:\\n {4}def ${p.metadata.func_name}\\(self`));
    }
    for (const p of stdin) {
      assert.ok(p.platform === 'atcoder' || p.platform === 'codeforces');
      assert.equal(p.starter_code, '');
    }
    assert.ok(stdin.some((p) => p.platform === 'codeforces'));
  });

  it('spreads over difficulties, dates from 2023-05 to 2025-04 and all six release files', () => {
    for (const difficulty of ['easy', 'medium', 'hard']) {
      assert.ok(problems.filter((p) => p.difficulty === difficulty).length >= 8, difficulty);
    }
    const dates = problems.map((p) => p.contest_date).sort();
    assert.ok(dates[0]!.startsWith('2023-05'));
    assert.ok(dates.at(-1)!.startsWith('2025-04'));
    const files = new Set(problems.map((p) => p.source.file.split('/').at(-1)));
    assert.equal(files.size, 6);
    assert.ok(problems.some((p) => p.platform === 'leetcode' && p.contest_date === '2025-01-11T18:30:00'));
    assert.ok(problems.some((p) => p.contest_date === '2025-01-11T00:00:00'));
  });

  it('gives every problem at least 5 tests, public and private, some private tests compressed', () => {
    for (const p of problems) {
      assert.ok(p.public_test_cases.length >= 1 && p.private_test_cases.length >= 1, p.question_id);
      assert.ok(p.public_test_cases.length + p.private_test_cases.length >= 5, p.question_id);
      const type = p.metadata.func_name === undefined ? 'stdin' : 'functional';
      assert.ok(
        [...p.public_test_cases, ...p.private_test_cases].every((t) => t.testtype === type),
        p.question_id,
      );
    }
    let compressed = 0;
    for (let n = 1; n <= 6; n++) {
      const text = readFileSync(
        join(SAMPLE_DIR, 'code_generation_lite', n === 1 ? 'test.jsonl' : `test${n}.jsonl`),
        'utf8',
      );
      for (const line of text.split('\n').filter(Boolean)) {
        if (!(JSON.parse(line) as { private_test_cases: string }).private_test_cases.startsWith('['))
          compressed += 1;
      }
    }
    assert.ok(compressed >= 10 && compressed < problems.length, `${compressed} compressed`);
  });

  it('marks the problems whose ids are on the ERRATA list', () => {
    assert.ok(problems.filter((p) => p.errata !== null).length >= 2);
  });

  it('has 40+ test-output-prediction and 40+ code-execution rows built from its problems', () => {
    assert.ok(top.length >= 40 && exec.length >= 40);
    const ids = new Set(problems.map((p) => p.question_id));
    for (const row of top) {
      assert.ok(ids.has(row.question_id));
      const problem = problems.find((p) => p.question_id === row.question_id)!;
      assert.equal(row.function_name, problem.metadata.func_name);
      assert.equal(row.contest_date, problem.contest_date);
      assert.ok(
        [...problem.public_test_cases, ...problem.private_test_cases].some(
          (t) => t.input === row.test[0]!.input,
        ),
      );
    }
    for (const row of exec) {
      assert.ok(ids.has(String(row.question_id)));
      assert.ok(row.input.startsWith(`${row.function_name}(`));
      assert.match(row.code, new RegExp(`^def ${row.function_name}\\(`, 'm'));
    }
  });

  it('keeps a reference solution and a wrong variant beside every problem, outside LCB records', () => {
    assert.deepEqual([...references.codeGeneration.keys()].sort(), problems.map((p) => p.question_id).sort());
    for (const ref of references.codeGeneration.values()) {
      assert.notEqual(ref.solution, ref.wrong_solution);
      assert.ok(ref.wrong_note.length > 0);
    }
    const record = readFileSync(join(SAMPLE_DIR, 'code_generation_lite', 'test.jsonl'), 'utf8');
    assert.ok(!record.includes('"solution"'));
  });

  it('keeps the true output (a Python literal) and a wrong one of every prediction and execution row', () => {
    // JSON text → Python literal for the value kinds the sample uses
    const pyLiteral = (json: string) =>
      json.replace(/"([^"\\]*)"|\btrue\b|\bfalse\b|\bnull\b/g, (token, text: string | undefined) =>
        text !== undefined
          ? `'${text}'`
          : ({ true: 'True', false: 'False', null: 'None' } as Record<string, string>)[token]!,
      );
    assert.equal(references.testOutputPrediction.size, top.length);
    for (const row of top) {
      const ref = references.testOutputPrediction.get(`${row.question_id}/${row.test_id}`)!;
      assert.equal(ref.output, pyLiteral(row.test[0]!.output), `${row.question_id}/${row.test_id}`);
      assert.notEqual(ref.wrong_output, ref.output);
    }
    assert.equal(references.codeExecution.size, exec.length);
    for (const row of exec) {
      const ref = references.codeExecution.get(row.id)!;
      assert.equal(ref.output, row.output);
      assert.notEqual(ref.wrong_output, ref.output);
    }
  });
});

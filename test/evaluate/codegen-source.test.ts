import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { InputError } from '../../src/core/errors.ts';
import { LcbEvalAllCodegen, SameRunCodegen } from '../../src/evaluate/codegen-source.ts';
import { JournalIndex } from '../../src/evaluate/journal-index.ts';

const dir = mkdtempSync(join(tmpdir(), 'hrm-lcb-codegen-src-'));

it('reads self-repair inputs from an LCB _eval_all.json file', async () => {
  const file = join(dir, 'Scenario.codegeneration_2_0.2_eval_all.json');
  const meta =
    '{"output": "1", "inputs": "2", "expected": "3", "error_code": -2, "error_message": "Wrong answer at output_line_idx=0: 1 != 3"}';
  writeFileSync(
    file,
    JSON.stringify([
      {
        question_id: 'abc1_a',
        question_content: 'q',
        output_list: ['o0', 'o1'],
        code_list: ['c0', 'c1'],
        graded_list: [true, false],
        metadata: ['{"execution time": 0.1}', meta],
        'pass@1': 0.5,
      },
    ]),
  );
  const source = await LcbEvalAllCodegen.open(file);
  assert.equal(source.samples(), 2);
  assert.deepEqual(await source.results('abc1_a'), [
    { output: 'o0', code: 'c0', passed: true, metadata: '{"execution time": 0.1}' },
    { output: 'o1', code: 'c1', passed: false, metadata: meta },
  ]);
  assert.equal(await source.results('missing'), undefined);
  writeFileSync(
    file,
    JSON.stringify([{ question_id: 'x', output_list: [], code_list: [], graded_list: 'no', metadata: [] }]),
  );
  await assert.rejects(
    LcbEvalAllCodegen.open(file),
    (error: unknown) => error instanceof InputError && error.field === '[0].graded_list',
  );
});

it('same-run results wait for the code-generation unit, and an interrupt releases the waiters', async () => {
  const controller = new AbortController();
  const source = new SameRunCodegen(join(dir, 'none.jsonl'), new JournalIndex(), 2, controller.signal);
  let settled = false;
  const waiting = source.results('p').then((value) => {
    settled = true;
    return value;
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(settled, false);
  controller.abort();
  assert.equal(await waiting, undefined);
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { validateDataset } from '../../src/lcb/validate.ts';
import { codegenRow, tempDir, writeLite } from './fixtures.ts';

it('reports every bad row of every file, duplicates and oddities, without stopping', async () => {
  const root = tempDir();
  const dir = writeLite(root, {
    'test.jsonl': [
      codegenRow({ question_id: 'a' }),
      '{oops',
      codegenRow({ question_id: 'b', private_test_cases: 'zz' }),
    ],
    'test2.jsonl': [
      codegenRow({ question_id: 'a' }),
      codegenRow({ question_id: 'lc', platform: 'leetcode' }),
      codegenRow({ question_id: 'empty', public_test_cases: '[]', private_test_cases: '[]' }),
    ],
    'test9.jsonl': [codegenRow({ question_id: 'z' })],
  });
  const files: string[] = [];
  const report = await validateDataset(root, (file) => files.push(file));
  assert.deepEqual(files, [join(dir, 'test.jsonl'), join(dir, 'test2.jsonl')]);
  assert.deepEqual(
    report.files.map((f) => [f.file.split('/').at(-1), f.rows, f.bad]),
    [
      ['test.jsonl', 3, 2],
      ['test2.jsonl', 3, 1],
    ],
  );
  assert.deepEqual(
    report.errors.map((e) => [e.file.split('/').at(-1), e.line, e.field]),
    [
      ['test.jsonl', 2, null],
      ['test.jsonl', 3, 'private_test_cases'],
      ['test2.jsonl', 1, 'question_id'],
    ],
  );
  assert.match(report.errors[2]!.message, /duplicate question_id a \(first at .*test\.jsonl:1\)/);
  assert.deepEqual(
    report.warnings.map((w) => [w.file.split('/').at(-1), w.line, w.field]),
    [
      ['test9.jsonl', null, null],
      ['test2.jsonl', 2, 'metadata'],
      ['test2.jsonl', 3, null],
    ],
  );
});

it('passes the embedded sample', async () => {
  const report = await validateDataset('sample');
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.warnings, []);
  assert.equal(
    report.files.reduce((sum, f) => sum + f.rows, 0),
    45 + 46 + 46,
  );
});

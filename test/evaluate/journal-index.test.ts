import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type IndexedRow, JournalIndex } from '../../src/evaluate/journal-index.ts';

const row = (offset: number, fields: Partial<IndexedRow> = {}): IndexedRow => ({
  offset,
  length: 10,
  line: offset + 1,
  status: 'graded',
  passed: true,
  skipped: false,
  gradeMs: 1.5,
  ...fields,
});

it('stores the latest row of each sample, grows past its first capacity, and counts samples once', () => {
  const index = new JournalIndex();
  for (let sample = 0; sample < 37; sample += 1)
    index.set('codegeneration', 'p', sample, row(sample * 100, { passed: sample % 2 === 0 }));
  index.set('codegeneration', 'p', 3, row(9_999_999_999, { status: 'error', passed: false }));
  index.set('codeexecution', 'sample_1', 0, row(5));
  index.set('codeexecution', 'sample_1', 1, row(6, { skipped: true, passed: false }));
  assert.equal(index.size, 39);
  assert.deepEqual(
    index.get('codegeneration', 'p', 3),
    row(9_999_999_999, { status: 'error', passed: false }),
  );
  assert.deepEqual(index.get('codegeneration', 'p', 36), row(3600, { passed: true }));
  assert.equal(index.get('codegeneration', 'p', 37), undefined);
  assert.equal(index.has('codegeneration', 'q', 0), false);
  assert.equal(index.lastLine, 9_999_999_999 + 1);
  const entries = [...index.entries()];
  assert.equal(entries.length, 39);
  assert.deepEqual(entries.at(-2), {
    scenario: 'codeexecution',
    problemId: 'sample_1',
    sample: 0,
    row: row(5),
  });
  assert.deepEqual(index.get('codeexecution', 'sample_1', 1), row(6, { skipped: true, passed: false }));
  assert.deepEqual(
    [...index.units()],
    [
      { scenario: 'codegeneration', problemId: 'p' },
      { scenario: 'codeexecution', problemId: 'sample_1' },
    ],
  );
});

import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import type { JournalRow } from '../../src/contracts/journal.ts';
import { InputError } from '../../src/core/errors.ts';
import {
  compactJournal,
  indexJournal,
  JournalWriter,
  parseJournalLine,
  repairTornTail,
} from '../../src/evaluate/journal.ts';
import { readLineAt } from '../../src/lcb/line-reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'hrm-lcb-journal-'));

function row(
  problem: string,
  sample: number,
  status: 'graded' | 'error' = 'graded',
  passed = true,
): JournalRow {
  return {
    scenario: 'codegeneration',
    problem_id: problem,
    sample,
    status,
    output: `out ${problem} ${sample} ✓`,
    extracted: 'print(1)',
    passed,
    results: passed ? [true] : [-2],
    metadata: '{}',
    skipped: false,
    error: status === 'error' ? { stage: 'grade', kind: 'sandbox', message: 'slot died' } : null,
    cached: false,
    generate_ms: 1,
    grade_ms: 2,
    original_code: null,
    prompt: null,
    stderr: '',
    tests: [],
  };
}

it('keeps every line whole when 200 appends race, and reports where each landed', async () => {
  const file = join(dir, 'race.jsonl');
  const journal = await JournalWriter.open(file);
  const rows = Array.from({ length: 200 }, (_, i) => row(`p${i % 17}`, i));
  const spans = await Promise.all(rows.map((r) => journal.append(r)));
  await journal.close();
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 200);
  assert.deepEqual(
    lines.map((line) => JSON.parse(line) as JournalRow),
    rows,
  );
  const handle = await open(file, 'r');
  for (const [i, span] of spans.entries()) {
    const location = { file, line: i + 1, offset: span.offset, byteLength: span.length };
    assert.deepEqual(JSON.parse(await readLineAt(handle, location)), rows[i]);
  }
  await handle.close();
});

it('cuts a torn last line before appending again, so the journal stays valid', async () => {
  const file = join(dir, 'torn.jsonl');
  writeFileSync(file, `${JSON.stringify(row('a', 0))}\n${JSON.stringify(row('a', 1)).slice(0, 40)}`);
  const journal = await JournalWriter.open(file);
  await journal.append(row('a', 1));
  await journal.close();
  const index = await indexJournal(file);
  assert.deepEqual(
    [...index.entries()].map((entry) => [entry.problemId, entry.sample]),
    [
      ['a', 0],
      ['a', 1],
    ],
  );
  assert.equal(await repairTornTail(file), 0);
  appendFileSync(file, '{"scenario"');
  assert.equal(await repairTornTail(file), '{"scenario"'.length);
});

it('indexes the latest row per key; compaction keeps it and drops error rows', async () => {
  const file = join(dir, 'compact.jsonl');
  const lines = [
    row('a', 0, 'error'),
    row('a', 1, 'graded', false),
    row('a', 0, 'graded', true),
    row('b', 0, 'error'),
  ];
  writeFileSync(file, `${lines.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const index = await indexJournal(file);
  assert.equal(index.size, 3);
  assert.equal(index.get('codegeneration', 'a', 0)?.status, 'graded');
  assert.equal(index.get('codegeneration', 'a', 0)?.line, 3);
  assert.equal(index.get('codegeneration', 'a', 1)?.passed, false);
  assert.equal(index.has('codegeneration', 'b', 0), true);
  assert.equal(index.has('codegeneration', 'b', 1), false);
  assert.equal(index.lastLine, 4);
  const dropped = await compactJournal(file, (r) => r.status === 'error');
  assert.equal(dropped, 2);
  const kept = readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as JournalRow);
  assert.deepEqual(kept, [row('a', 1, 'graded', false), row('a', 0, 'graded', true)]);
});

it('names file, line and field of a damaged row', () => {
  assert.throws(
    () => parseJournalLine('j.jsonl', 7, JSON.stringify({ ...row('a', 0), sample: -1 })),
    (error: unknown) => error instanceof InputError && error.line === 7 && error.field === 'sample',
  );
  assert.throws(
    () => parseJournalLine('j.jsonl', 2, '{"scen'),
    (error: unknown) => error instanceof InputError && error.line === 2,
  );
});

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import type { JournalRow } from '../../src/contracts/journal.ts';
import { outcomeKey } from '../../src/contracts/report.ts';
import { digestJournal } from '../../src/evaluate/run-reader.ts';

function row(
  scenario: JournalRow['scenario'],
  problem: string,
  sample: number,
  fields: Partial<JournalRow>,
): JournalRow {
  return {
    scenario,
    problem_id: problem,
    sample,
    status: 'graded',
    output: '',
    extracted: '',
    passed: false,
    results: [],
    metadata: null,
    skipped: false,
    error: null,
    cached: false,
    generate_ms: 0,
    grade_ms: 10,
    original_code: null,
    prompt: null,
    stderr: '',
    tests: [],
    ...fields,
  };
}

it("folds a journal into LCB's n and c per problem: latest row wins, errors apart, skipped predictions dropped", async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'hrm-lcb-digest-')), 'journal.jsonl');
  const rows = [
    row('codegeneration', 'a', 0, {
      status: 'error',
      error: { stage: 'grade', kind: 'sandbox', message: 'x' },
    }),
    row('codegeneration', 'a', 1, { passed: true }),
    row('codegeneration', 'a', 0, { passed: true }), // retried: replaces the error
    row('codegeneration', 'b', 0, {
      status: 'error',
      error: { stage: 'generate', kind: 'rate-limit', message: 'x' },
    }),
    row('codeexecution', 'sample_1', 0, { passed: true }),
    row('codeexecution', 'sample_1', 1, { skipped: true }),
    row('codeexecution', 'sample_1', 2, { passed: false }),
    row('codeexecution', 'sample_2', 0, { skipped: true }),
    row('codeexecution', 'sample_2', 1, { skipped: true }),
  ];
  writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const { outcomes, index } = await digestJournal(file);
  assert.deepEqual(outcomes.get(outcomeKey('codegeneration', 'a')), {
    n: 2,
    c: 2,
    errors: 0,
    journaled: 2,
    gradeMs: 20,
  });
  assert.deepEqual(outcomes.get(outcomeKey('codegeneration', 'b')), {
    n: 0,
    c: 0,
    errors: 1,
    journaled: 1,
    gradeMs: 10,
  });
  // evaluate_score: skipped predictions leave the list ...
  assert.deepEqual(outcomes.get(outcomeKey('codeexecution', 'sample_1')), {
    n: 2,
    c: 1,
    errors: 0,
    journaled: 3,
    gradeMs: 30,
  });
  // ... and when all are skipped the problem counts as n failures
  assert.deepEqual(outcomes.get(outcomeKey('codeexecution', 'sample_2')), {
    n: 2,
    c: 0,
    errors: 0,
    journaled: 2,
    gradeMs: 20,
  });
  assert.deepEqual(
    [...index.samplesOf('codegeneration', 'a')].map(({ sample, row }) => [sample, row.line]),
    [
      [0, 3],
      [1, 2],
    ],
  );
  const empty = await digestJournal(join(tmpdir(), 'no-such-journal.jsonl'));
  assert.equal(empty.outcomes.size + empty.index.size, 0);
});

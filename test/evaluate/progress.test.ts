import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { it } from 'node:test';
import type { JournalRow } from '../../src/contracts/journal.ts';
import { createProgress } from '../../src/evaluate/progress.ts';

function capture(): { stream: Writable & { isTTY?: boolean }; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  return { stream, text: () => out };
}

const row = (scenario: JournalRow['scenario'], passed: boolean, status: JournalRow['status'] = 'graded') =>
  ({ scenario, passed, status }) as JournalRow;

it('prints plain periodic lines off a terminal: counts, rate, ETA and live pass@1 per scenario', async () => {
  const { stream, text } = capture();
  let now = 0;
  const progress = createProgress({
    stream,
    totals: new Map([
      ['codegeneration', 4],
      ['codeexecution', 4],
    ]),
    already: new Map([['codegeneration', { graded: 2, passed: 1, errors: 0 }]]),
    intervalMs: 20,
    now: () => now,
  });
  now = 2_000;
  progress.row(row('codegeneration', true));
  progress.row(row('codeexecution', false));
  progress.row(row('codeexecution', false, 'error'));
  await new Promise((resolve) => setTimeout(resolve, 60));
  now = 3_000;
  progress.row(row('codegeneration', true));
  progress.row(row('codeexecution', true));
  progress.row(row('codeexecution', true));
  progress.stop();
  const lines = text().trimEnd().split('\n');
  assert.equal(lines[0], 'hrm-lcb evaluate: resuming, 2 of 8 samples already in the journal');
  assert.match(
    lines[1]!,
    /^hrm-lcb evaluate: 5\/8 samples \(62\.5%\) 1\.5\/s ETA 0m02s \| gen pass@1 66\.7% \| exec pass@1 0\.0% \(1 errors\)$/,
  );
  assert.match(
    lines.at(-1)!,
    /^hrm-lcb evaluate: 8\/8 samples \(100\.0%\) 2\.0\/s done \| gen pass@1 75\.0% \| exec pass@1 66\.7% \(1 errors\)$/,
  );
  assert.ok(!text().includes('\u001b'), 'no terminal escapes off a terminal');
});

it('draws a bar with rate, ETA and pass@1 on a terminal', () => {
  const { stream, text } = capture();
  Object.assign(stream, {
    isTTY: true,
    columns: 200,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  const progress = createProgress({
    stream,
    totals: new Map([['codegeneration', 2]]),
    already: new Map(),
  });
  progress.row(row('codegeneration', true));
  progress.row(row('codegeneration', false));
  progress.stop();
  assert.match(text(), /evaluate \[.*\] 2\/2 samples 100% \| [\d.]+\/s \| ETA \d+s \| gen pass@1 50\.0%/);
});

import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GradeJournal } from '../../src/judge/journal.ts';

describe('GradeJournal', () => {
  it('keeps finished values across reopen and drops a line cut short by a kill', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'journal-')), 'run.journal.jsonl');
    const first = await GradeJournal.open(path, 'settings-1');
    first.record('a', { results: [true] });
    first.record('b', [false]);
    first.close();
    appendFileSync(path, '{"key": "c", "val'); // a write cut by kill -9
    const second = await GradeJournal.open(path, 'settings-1');
    assert.deepEqual(second.get('a'), { results: [true] });
    assert.deepEqual(second.get('b'), [false]);
    assert.equal(second.get('c'), undefined);
    second.record('c', 1);
    second.close();
    assert.ok(readFileSync(path, 'utf8').endsWith('{"key":"c","value":1}\n'));
    assert.equal((await GradeJournal.open(path, 'settings-1')).size, 3);
  });

  it('refuses a journal written under other settings, naming both hashes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'journal-')), 'run.journal.jsonl');
    (await GradeJournal.open(path, 'aaa')).close();
    await assert.rejects(GradeJournal.open(path, 'bbb'), /other grading settings \(journal aaa, now bbb\)/);
  });
});

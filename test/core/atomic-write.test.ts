import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/core/atomic-write.ts';

it('replaces a file whole and leaves no temp files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
  const path = join(dir, 'sub', 'out.json');
  await writeFileAtomic(path, 'first');
  await writeFileAtomic(path, 'second');
  writeFileAtomicSync(join(dir, 'sync.txt'), new Uint8Array([104, 105]));
  assert.equal(readFileSync(path, 'utf8'), 'second');
  assert.equal(readFileSync(join(dir, 'sync.txt'), 'utf8'), 'hi');
  assert.deepEqual(readdirSync(join(dir, 'sub')), ['out.json']);
});

it('keeps the old content when the write fails', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
  const path = join(dir, 'out.txt');
  writeFileSync(path, 'old');
  await assert.rejects(writeFileAtomic(join(path, 'not-a-dir', 'x'), 'new'));
  assert.equal(readFileSync(path, 'utf8'), 'old');
});

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { InputError } from '../../src/core/errors.ts';
import { readJsonl } from '../../src/core/jsonl.ts';

async function collect(path: string) {
  const out = [];
  for await (const row of readJsonl(path)) out.push(row);
  return out;
}

it('streams parsed lines with 1-based numbers, skipping blank lines and CRLF', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'a.jsonl');
  writeFileSync(path, '{"a":1}\r\n\n{"a":2}\n');
  assert.deepEqual(await collect(path), [
    { line: 1, value: { a: 1 } },
    { line: 3, value: { a: 2 } },
  ]);
});

it('names the file and the line of bad JSON', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'b.jsonl');
  writeFileSync(path, '{"a":1}\n{"a":\n');
  await assert.rejects(collect(path), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.line, 2);
    assert.match(error.message, /b\.jsonl:2: invalid JSON/);
    return true;
  });
});

it('reports a missing file as an input error', async () => {
  await assert.rejects(collect('/nonexistent/x.jsonl'), /\/nonexistent\/x\.jsonl: cannot read file: ENOENT/);
});

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { LineFetcher, readLineAt, readLocatedLines } from '../../src/lcb/line-reader.ts';
import { tempDir } from './fixtures.ts';

async function collect(file: string) {
  const lines = [];
  for await (const line of readLocatedLines(file)) lines.push(line);
  return lines;
}

it('yields each line with its byte offset and length; CRLF, BOM, multi-byte text and a missing final newline', async () => {
  const file = join(tempDir(), 'a.jsonl');
  writeFileSync(file, '\ufeff{"a":1}\r\n\n{"é":"ü"}\nlast');
  const lines = await collect(file);
  assert.deepEqual(
    lines.map(({ line, offset, byteLength, text, complete }) => [line, offset, byteLength, text, complete]),
    [
      [1, 0, 11, '{"a":1}', true],
      [2, 12, 0, '', true],
      [3, 13, 11, '{"é":"ü"}', true],
      [4, 25, 4, 'last', false],
    ],
  );
  const fetcher = new LineFetcher();
  try {
    assert.equal(await fetcher.fetch({ file, ...lines[2]! }), '{"é":"ü"}');
    assert.equal(await fetcher.fetch({ file, ...lines[0]! }), '{"a":1}');
  } finally {
    await fetcher.close();
  }
});

it('reads lines longer than its 1 MiB chunk, split across reads', async () => {
  const file = join(tempDir(), 'long.jsonl');
  const long = 'x'.repeat(3 * (1 << 20) + 17);
  writeFileSync(file, `short\n${long}\nafter\n`);
  const lines = await collect(file);
  assert.deepEqual(
    lines.map((l) => [l.line, l.offset, l.text.length]),
    [
      [1, 0, 5],
      [2, 6, long.length],
      [3, 7 + long.length, 5],
    ],
  );
  const fetcher = new LineFetcher();
  assert.equal(await fetcher.fetch({ file, ...lines[1]! }), long);
  await fetcher.close();
});

it('names a missing file with a hint', async () => {
  await assert.rejects(
    collect('/nonexistent/test.jsonl'),
    /\/nonexistent\/test\.jsonl: cannot read file: ENOENT/,
  );
});

it('reads a line again from an open file, and names a file that shrank since it was indexed', async () => {
  const file = join(tempDir(), 'again.jsonl');
  writeFileSync(file, 'first\r\nsecond\n');
  const lines = await collect(file);
  const handle = await open(file, 'r');
  try {
    assert.equal(await readLineAt(handle, { file, ...lines[0]! }), 'first');
    assert.equal(await readLineAt(handle, { file, ...lines[1]! }), 'second');
    await assert.rejects(
      readLineAt(handle, { file, line: 3, offset: 14, byteLength: 10 }),
      /again\.jsonl:3: file changed while it was being read/,
    );
  } finally {
    await handle.close();
  }
});

/**
 * Stream a text file's lines with their byte offsets, so a big JSON Lines file can be indexed once and single
 * lines read back later by position (constant memory per line, not per file).
 */
import { type FileHandle, open } from 'node:fs/promises';

/** One line: its byte offset, byte length (without the newline) and 1-based number. */
export interface LineSpan {
  offset: number;
  length: number;
  line: number;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Every line of `path` with its span and text. A last line without a newline is reported with
 * `complete: false` (a torn append after a crash).
 */
export async function* linesWithOffsets(
  path: string,
): AsyncGenerator<LineSpan & { text: string; complete: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let carry: Buffer = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    let line = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data =
        carry.length > 0
          ? Buffer.concat([carry, buffer.subarray(0, bytesRead)])
          : buffer.subarray(0, bytesRead);
      let start = 0;
      for (let newline = data.indexOf(10, start); newline !== -1; newline = data.indexOf(10, start)) {
        line += 1;
        const end = newline > start && data[newline - 1] === 13 ? newline - 1 : newline;
        yield {
          offset: carryOffset + start,
          length: end - start,
          line,
          text: data.toString('utf8', start, end),
          complete: true,
        };
        start = newline + 1;
      }
      carry = Buffer.from(data.subarray(start));
      carryOffset += start;
    }
    if (carry.length > 0) {
      yield {
        offset: carryOffset,
        length: carry.length,
        line: line + 1,
        text: carry.toString('utf8'),
        complete: false,
      };
    }
  } finally {
    await handle.close();
  }
}

/** Read `length` bytes at `offset` of an open file as UTF-8. */
export async function readSpan(handle: FileHandle, offset: number, length: number): Promise<string> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.toString('utf8', 0, done);
}

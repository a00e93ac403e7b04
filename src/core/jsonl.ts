import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InputError } from './errors.ts';

/** One line of a JSON Lines file: its 1-based number and its parsed value. */
export interface JsonlLine {
  line: number;
  value: unknown;
}

/**
 * Stream a JSON Lines file one parsed line at a time (constant memory for multi-GB files).
 * Blank lines are skipped. Bad JSON throws an `InputError` naming the file and line.
 */
export async function* readJsonl(path: string): AsyncGenerator<JsonlLine> {
  for await (const { line, text } of readLines(path)) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new InputError(path, `invalid JSON: ${(error as Error).message}`, { line });
    }
    yield { line, value };
  }
}

/** Stream the raw text lines of a file with their 1-based numbers (no trailing newline, CRLF tolerated). */
export async function* readLines(path: string): AsyncGenerator<{ line: number; text: string }> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new InputError(path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      yield { line, text };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

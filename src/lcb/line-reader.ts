/**
 * JSON Lines reading with byte offsets, so a row can be read again later without rescanning its file:
 * the code-generation loader indexes metadata in one streaming pass, sorts it as LCB does, and fetches
 * each row's (large) tests only when asked; the evaluator indexes its journal and replay files the same
 * way. Memory stays at one row plus one read chunk.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { InputError } from '../core/errors.ts';

/** One line of a file: 1-based number, byte offset and length (without the newline), and its text. */
export interface LocatedLine {
  line: number;
  offset: number;
  byteLength: number;
  text: string;
  /** false for a last line without a newline (in an append-only file: a torn append) */
  complete: boolean;
}

/** Where a row lies in its file; enough to read it again with `readLineAt`. */
export interface LineLocation {
  file: string;
  line: number;
  offset: number;
  byteLength: number;
}

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BOM = '\ufeff';
/** Longest line accepted: V8 strings hold at most 2^29 - 24 characters. */
const MAX_LINE_BYTES = 2 ** 29 - 24;

function tooLong(file: string, line: number): InputError {
  return new InputError(file, `line is longer than ${MAX_LINE_BYTES} bytes; is this a JSON Lines file?`, {
    line,
  });
}

function openError(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const hint = code === 'ENOENT' ? 'check --dataset; docs/data.md shows the expected layout' : undefined;
  return new InputError(
    file,
    `cannot read file: ${code ?? String(error)}`,
    hint === undefined ? {} : { hint },
  );
}

function decodeLine(parts: Buffer[], line: number): string {
  let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  if (bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN)
    bytes = bytes.subarray(0, bytes.length - 1);
  const text = bytes.toString('utf8');
  return line === 1 && text.startsWith(BOM) ? text.slice(1) : text;
}

/** Stream the lines of a file with their byte offsets (LF or CRLF; a BOM on line 1 is dropped). */
export async function* readLocatedLines(file: string): AsyncGenerator<LocatedLine> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw openError(file, error);
  }
  try {
    yield* locatedLinesOf(handle, file);
  } finally {
    await handle.close();
  }
}

/** `readLocatedLines` over a file the caller opened (and closes); `file` names it in errors. */
export async function* locatedLinesOf(handle: FileHandle, file: string): AsyncGenerator<LocatedLine> {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let parts: Buffer[] = [];
  let lineStart = 0;
  let position = 0;
  let line = 0;
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) break;
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, from);
      if (newline < 0 || newline >= bytesRead) break;
      const piece = chunk.subarray(from, newline); // decoded before the chunk is reused
      line += 1;
      const end = position + newline;
      if (end - lineStart > MAX_LINE_BYTES) throw tooLong(file, line);
      const text = decodeLine(parts.length === 0 ? [piece] : [...parts, piece], line);
      yield { line, offset: lineStart, byteLength: end - lineStart, text, complete: true };
      parts = [];
      lineStart = end + 1;
      from = newline + 1;
    }
    if (from < bytesRead) parts.push(Buffer.from(chunk.subarray(from, bytesRead)));
    position += bytesRead;
    if (position - lineStart > MAX_LINE_BYTES) throw tooLong(file, line + 1);
  }
  if (position > lineStart) {
    line += 1;
    const text = decodeLine(parts, line);
    yield { line, offset: lineStart, byteLength: position - lineStart, text, complete: false };
  }
}

/** The text of the line at `location` in an open file, decoded as `readLocatedLines` decodes it. */
export async function readLineAt(handle: FileHandle, location: LineLocation): Promise<string> {
  const bytes = Buffer.allocUnsafe(location.byteLength);
  let done = 0;
  while (done < location.byteLength) {
    const { bytesRead } = await handle.read(bytes, done, location.byteLength - done, location.offset + done);
    if (bytesRead === 0) {
      throw new InputError(location.file, 'file changed while it was being read (shorter than indexed)', {
        line: location.line,
      });
    }
    done += bytesRead;
  }
  return decodeLine([bytes], location.line);
}

/** Reads rows again from their recorded locations, keeping one open handle per file until `close`. */
export class LineFetcher {
  private readonly handles = new Map<string, Promise<FileHandle>>();

  /** The text of the line at `location`. */
  async fetch(location: LineLocation): Promise<string> {
    return readLineAt(await this.handleFor(location.file), location);
  }

  /** Close every handle this fetcher opened. */
  async close(): Promise<void> {
    const pending = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(pending.map(async (handle) => (await handle.catch(() => undefined))?.close()));
  }

  private handleFor(file: string): Promise<FileHandle> {
    let handle = this.handles.get(file);
    if (handle === undefined) {
      handle = open(file, 'r').catch((error: unknown) => {
        this.handles.delete(file);
        throw openError(file, error);
      });
      this.handles.set(file, handle);
    }
    return handle;
  }
}

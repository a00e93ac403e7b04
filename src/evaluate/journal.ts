/**
 * The run journal: one JSON line per (scenario, problem, sample), appended as each sample is graded.
 *
 * Critical section: every append goes through one promise chain on one `O_APPEND` file handle, and each
 * row is written by a single `write` call of the whole line, so lines never interleave. A process killed
 * mid-write leaves at most one torn last line; `openJournal` cuts it off before appending again. Rows are
 * fsynced every `FSYNC_INTERVAL_MS` and on close (a killed process loses nothing: its writes are in the page
 * cache; the fsync protects against a machine crash).
 */
import { type FileHandle, open, rename, rm, truncate } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type JournalRow, JournalRow as JournalRowSchema } from '../contracts/journal.ts';
import { InputError } from '../core/errors.ts';
import { firstIssue } from '../core/zod-issues.ts';
import { locatedLinesOf, readLineAt } from '../lcb/line-reader.ts';
import { type IndexedRow, JournalIndex } from './journal-index.ts';

export { type IndexedRow, JournalIndex };

/** how often buffered journal writes are forced to disk */
export const FSYNC_INTERVAL_MS = 1_000;

/** The key of a row: scenario, problem and sample. */
export function journalKey(scenario: string, problemId: string, sample: number): string {
  return `${scenario}\u0000${problemId}\u0000${sample}`;
}

/** Parse one journal line; an `InputError` names file, line and field. */
export function parseJournalLine(file: string, line: number, text: string): JournalRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, `invalid JSON in journal: ${(error as Error).message}`, { line });
  }
  const parsed = JournalRowSchema.safeParse(value);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    throw new InputError(file, issue.message, { line, field: issue.field });
  }
  return parsed.data;
}

/** Every complete row of a journal with its position (a torn last line is skipped). */
export async function* readJournal(
  file: string,
): AsyncGenerator<{ row: JournalRow; offset: number; length: number; line: number }> {
  const handle = await open(file, 'r'); // a missing journal rejects with ENOENT (indexJournal: empty)
  try {
    for await (const span of locatedLinesOf(handle, file)) {
      if (!span.complete || span.text.trim() === '') continue;
      yield {
        row: parseJournalLine(file, span.line, span.text),
        offset: span.offset,
        length: span.byteLength,
        line: span.line,
      };
    }
  } finally {
    await handle.close();
  }
}

/** The journal row an index entry points at, read from an open journal. */
export async function readIndexedRow(handle: FileHandle, file: string, row: IndexedRow): Promise<JournalRow> {
  const text = await readLineAt(handle, { file, line: row.line, offset: row.offset, byteLength: row.length });
  return parseJournalLine(file, row.line, text);
}

/** Index a journal; a later row for the same sample replaces an earlier one. Missing file: empty. */
export async function indexJournal(file: string): Promise<JournalIndex> {
  const index = new JournalIndex();
  try {
    for await (const { row, offset, length, line } of readJournal(file)) {
      index.set(row.scenario, row.problem_id, row.sample, {
        offset,
        length,
        line,
        status: row.status,
        passed: row.passed,
        skipped: row.skipped,
        gradeMs: row.grade_ms,
      });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return index;
    throw error;
  }
  return index;
}

/** Cut a torn last line (no trailing newline) left by a killed writer. Returns the bytes removed. */
export async function repairTornTail(file: string): Promise<number> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let keep = 0;
  let size = 0;
  try {
    size = (await handle.stat()).size;
    if (size === 0) return 0;
    const tail = Buffer.alloc(1);
    await handle.read(tail, 0, 1, size - 1);
    if (tail[0] === 10) return 0;
    // walk back to the last newline
    const chunk = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0 && keep === 0; ) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      const at = chunk.subarray(0, bytesRead).lastIndexOf(10);
      if (at !== -1) keep = start + at + 1;
      end = start;
    }
  } finally {
    await handle.close();
  }
  await truncate(file, keep);
  return size - keep;
}

/** An open journal that rows are appended to. */
export class JournalWriter {
  private chain: Promise<void> = Promise.resolve();
  private dirty = false;
  private readonly timer: NodeJS.Timeout;
  private failure: unknown;
  /** bytes in the file: the offset the next row will start at */
  private size: number;

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    size: number,
  ) {
    this.size = size;
    this.timer = setInterval(() => void this.sync(), FSYNC_INTERVAL_MS);
    this.timer.unref();
  }

  /** Open (or create) a journal for appending, first cutting a torn last line. */
  static async open(file: string): Promise<JournalWriter> {
    await repairTornTail(file);
    const handle = await open(file, 'a');
    return new JournalWriter(file, handle, (await handle.stat()).size);
  }

  /** Append one row; resolves with where it landed once written (in order with every other append). */
  append(row: JournalRow): Promise<{ offset: number; length: number }> {
    const line = Buffer.from(`${JSON.stringify(row)}\n`);
    const write = this.chain.then(async () => {
      if (this.failure !== undefined) throw this.failure;
      const offset = this.size;
      await this.handle.write(line);
      this.size += line.length;
      this.dirty = true;
      return { offset, length: line.length - 1 };
    });
    this.chain = write.then(
      () => undefined,
      (error: unknown) => {
        this.failure ??= error;
      },
    );
    return write;
  }

  private async sync(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    await this.chain;
    await this.handle.sync().catch(() => undefined);
  }

  /** Wait for every append, fsync, close. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.chain;
    await this.handle.sync();
    await this.handle.close();
    if (this.failure !== undefined) throw this.failure;
  }
}

/**
 * Rewrite a journal keeping one row per key (the last) and dropping rows `drop` rejects, atomically (temp
 * file, fsync, rename): what `--retry-errors` does with infrastructure-error rows before redoing them.
 * Returns how many rows were dropped.
 */
export async function compactJournal(file: string, drop: (row: JournalRow) => boolean): Promise<number> {
  const index = await indexJournal(file);
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.compact.tmp`);
  const out = await open(tmp, 'w');
  let dropped = 0;
  try {
    for await (const { row, offset } of readJournal(file)) {
      const latest = index.get(row.scenario, row.problem_id, row.sample);
      if (latest?.offset !== offset || drop(row)) {
        dropped += 1;
        continue;
      }
      await out.write(`${JSON.stringify(row)}\n`);
    }
    await out.sync();
  } catch (error) {
    await out.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await out.close();
  await rename(tmp, file);
  return dropped;
}

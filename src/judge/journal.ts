/**
 * The grade journal: an append-only JSON Lines file of finished verdicts, so `hrm-lcb grade` can be
 * killed at any moment and rerun without redoing finished work. Line 1 is a header naming the format,
 * its version and the settings hash; each further line is `{key, value}`. A line cut short by a kill is
 * dropped on open. A journal written under other settings is refused (both hashes named), never mixed.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InputError } from '../core/errors.ts';

const FORMAT = 'hrm-lcb-grade-journal';
const VERSION = 1;

/** A stable hex digest of any JSON-able value (key order as given). */
export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

/** An open journal: finished values by key, and appends that survive a kill. */
export class GradeJournal {
  private constructor(
    readonly path: string,
    private readonly entries: Map<string, unknown>,
    private fd: number,
  ) {}

  /** Open (or create) the journal at `path` for a run whose settings hash to `settingsHash`. */
  static async open(path: string, settingsHash: string): Promise<GradeJournal> {
    await mkdir(dirname(path), { recursive: true });
    const entries = new Map<string, unknown>();
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      const complete = text.lastIndexOf('\n') + 1;
      if (complete < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, complete)));
      const lines = text
        .slice(0, complete)
        .split('\n')
        .filter((line) => line !== '');
      if (lines.length > 0) {
        let header: { format?: unknown; version?: unknown; settings?: unknown };
        try {
          header = JSON.parse(lines[0]!) as typeof header;
        } catch {
          throw new InputError(path, 'not a grade journal (bad first line)', { line: 1 });
        }
        if (header.format !== FORMAT || header.version !== VERSION) {
          throw new InputError(path, `not a ${FORMAT} v${VERSION} file`, { line: 1 });
        }
        if (header.settings !== settingsHash) {
          throw new InputError(
            path,
            `was written with other grading settings (journal ${String(header.settings)}, now ${settingsHash})`,
            { line: 1, hint: 'grade into another --output-dir, or delete the journal to start over' },
          );
        }
        lines.slice(1).forEach((line, i) => {
          try {
            const entry = JSON.parse(line) as { key: string; value: unknown };
            entries.set(entry.key, entry.value);
          } catch {
            throw new InputError(path, 'corrupt journal line', { line: i + 2 });
          }
        });
      }
    }
    const fd = openSync(path, 'a');
    if (entries.size === 0 && readFileSync(path).length === 0) {
      writeSync(fd, `${JSON.stringify({ format: FORMAT, version: VERSION, settings: settingsHash })}\n`);
    }
    return new GradeJournal(path, entries, fd);
  }

  /** The finished value under `key`, if any. */
  get(key: string): unknown {
    return this.entries.get(key);
  }

  /** How many values are recorded. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Record a finished value as one whole line (one `write`, so a killed process leaves at most a cut
   * last line, which `open` drops). Durable across process kills at once; `close` also syncs to disk.
   */
  record(key: string, value: unknown): void {
    writeSync(this.fd, `${JSON.stringify({ key, value })}\n`);
    this.entries.set(key, value);
  }

  /** Sync and close the file. */
  close(): void {
    if (this.fd < 0) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = -1;
  }
}

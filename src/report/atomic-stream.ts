/**
 * Write a large file piece by piece and publish it atomically: pieces go to a temp file in the same
 * directory, which is fsynced and renamed over the target at `commit`, so readers see the old file or the
 * whole new one and memory holds one piece at a time.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** pieces are gathered up to this size before one write (a report writes many small pieces) */
export const WRITE_BUFFER_CHARS = 1 << 20;

/** An open atomic file. */
export class AtomicFileWriter {
  private pending: string[] = [];
  private pendingChars = 0;

  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<AtomicFileWriter> {
    await mkdir(dirname(path), { recursive: true });
    const tmp = join(
      dirname(path),
      `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    return new AtomicFileWriter(path, tmp, await open(tmp, 'w'));
  }

  /** Add a piece; it reaches the file when the buffer fills or at `commit`. */
  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= WRITE_BUFFER_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    await this.handle.write(text);
  }

  /** fsync, close and rename over the target */
  async commit(): Promise<void> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    await rename(this.tmp, this.path);
  }

  /** drop the temp file (on error) */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }
}

/** Write a file from pieces produced by `produce`, atomically. */
export async function writeAtomicStream(
  path: string,
  produce: (write: (text: string) => Promise<unknown>) => Promise<void>,
): Promise<void> {
  const writer = await AtomicFileWriter.create(path);
  try {
    await produce((text) => writer.write(text));
  } catch (error) {
    await writer.abort();
    throw error;
  }
  await writer.commit();
}

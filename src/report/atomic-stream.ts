/**
 * Write a large file piece by piece and publish it atomically: pieces go to a temp file in the same
 * directory, which is fsynced and renamed over the target at `commit`, so readers see the old file or the
 * whole new one and memory holds one piece at a time.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** An open atomic file. */
export class AtomicFileWriter {
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

  write(text: string): Promise<unknown> {
    return this.handle.write(text);
  }

  /** fsync, close and rename over the target */
  async commit(): Promise<void> {
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

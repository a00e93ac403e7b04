/**
 * A response cache keyed by the canonical request: one small JSON file per request under
 * `DIR/<first two hex digits>/<sha256>.json`, written atomically. Files (not one shared log) so that shards of a
 * run on several machines or processes can share a cache directory safely. The key covers what determines the
 * answer (server URL, model, prompt, sampling) and never the API key.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { canonicalHash } from './canonical.ts';

/** The cache entry format name and version; other files are ignored (treated as a miss). */
export const RESPONSE_CACHE_FORMAT = 'hrm-lcb/response-cache@1';

const Entry = z.object({
  format: z.literal(RESPONSE_CACHE_FORMAT),
  key: z.string(),
  outputs: z.array(z.string()),
});

/** Where cached outputs live. */
export interface ResponseCache {
  get(request: unknown): Promise<string[] | undefined>;
  put(request: unknown, outputs: readonly string[]): Promise<void>;
}

/** A cache in a directory. */
export class DirectoryResponseCache implements ResponseCache {
  constructor(readonly directory: string) {}

  private pathOf(key: string): string {
    return join(this.directory, key.slice(0, 2), `${key}.json`);
  }

  async get(request: unknown): Promise<string[] | undefined> {
    const key = canonicalHash(request);
    let text: string;
    try {
      text = await readFile(this.pathOf(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = Entry.safeParse(JSON.parse(text));
      return entry.success && entry.data.key === key ? entry.data.outputs : undefined;
    } catch {
      return undefined; // a foreign or damaged file is a miss; the next put replaces it
    }
  }

  async put(request: unknown, outputs: readonly string[]): Promise<void> {
    const key = canonicalHash(request);
    const entry = { format: RESPONSE_CACHE_FORMAT, key, request, outputs };
    await writeFileAtomic(this.pathOf(key), `${JSON.stringify(entry)}\n`);
  }
}

/** No caching (`--no-cache`). */
export const noResponseCache: ResponseCache = {
  get: async () => undefined,
  put: async () => undefined,
};

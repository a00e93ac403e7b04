/**
 * `--shard i/n`: which problems a shard evaluates. A problem belongs to shard `1 + (h mod n)`, where `h` is the
 * first 8 bytes of SHA-256 of its scenario-independent id (`question_id`; for code execution the row `id`), so
 * every scenario of a problem lands in the same shard (self-repair finds its code-generation rows), the split
 * never depends on order or on the other problems, and a Slurm array / Kubernetes indexed job can run shards
 * 1..n independently and `hrm-lcb merge` their directories.
 */
import { createHash } from 'node:crypto';
import type { ShardSpec } from '../contracts/run.ts';
import { UserError } from '../core/errors.ts';

/** Parse `i/n` (1-based). */
export function parseShard(text: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw new UserError(`--shard ${JSON.stringify(text)}: expected i/n with 1 <= i <= n, e.g. 2/8`);
  }
  return { index, count };
}

/** The 1-based shard of a problem id among `count` shards. */
export function shardOf(shardId: string, count: number): number {
  const digest = createHash('sha256').update(shardId).digest();
  return Number(digest.readBigUInt64BE(0) % BigInt(count)) + 1;
}

/** Whether a problem belongs to the shard (`null` = no sharding). */
export function inShard(shardId: string, shard: ShardSpec | null): boolean {
  return shard === null || shardOf(shardId, shard.count) === shard.index;
}

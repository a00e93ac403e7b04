/**
 * One measured pass over a release folder, run in its own process so its peak RSS is its own:
 *
 *   node --import tsx bench/lcb-load/measure.ts MODE DIR
 *
 * MODE: `baseline` (stream lines, JSON.parse each row, keep the ids: no validation, no decoding),
 * `metadata` (openCodeGeneration: validated metadata, filtered and sorted, tests left encoded),
 * `decoded` (openCodeGeneration, then every problem with its tests decoded, one at a time).
 * Prints one JSON line: seconds, rows, tests, a hash of the sorted ids, and peak RSS.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readJsonl } from '../../src/core/jsonl.ts';
import { openCodeGeneration } from '../../src/lcb/index.ts';

/** The result line of one pass. */
export interface PassResult {
  mode: string;
  seconds: number;
  rows: number;
  tests: number;
  idsHash: string;
  peakRssMb: number;
  startRssMb: number;
}

function hashIds(ids: string[]): string {
  return createHash('sha256')
    .update([...ids].sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
}

async function baseline(dir: string): Promise<{ rows: number; tests: number; ids: string[] }> {
  const ids: string[] = [];
  for await (const { value } of readJsonl(join(dir, 'test.jsonl')))
    ids.push((value as { question_id: string }).question_id);
  return { rows: ids.length, tests: 0, ids };
}

async function metadata(dir: string): Promise<{ rows: number; tests: number; ids: string[] }> {
  const set = await openCodeGeneration(dir, { filter: { release_version: 'v1' } });
  await set.close();
  return { rows: set.problems.length, tests: 0, ids: set.problems.map((p) => p.question_id) };
}

async function decoded(dir: string): Promise<{ rows: number; tests: number; ids: string[] }> {
  const set = await openCodeGeneration(dir, { filter: { release_version: 'v1' } });
  const ids: string[] = [];
  let tests = 0;
  for await (const problem of set) {
    ids.push(problem.question_id);
    tests += problem.public_test_cases.length + problem.private_test_cases.length;
  }
  return { rows: ids.length, tests, ids };
}

const MODES = { baseline, metadata, decoded } as const;

const [mode, dir] = process.argv.slice(2) as [keyof typeof MODES, string];
if (!(mode in MODES) || dir === undefined) {
  process.stderr.write('usage: measure.ts baseline|metadata|decoded DIR\n');
  process.exit(2);
}
const startRssMb = process.memoryUsage.rss() / 2 ** 20;
const started = process.hrtime.bigint();
const { rows, tests, ids } = await MODES[mode](dir);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const result: PassResult = {
  mode,
  seconds,
  rows,
  tests,
  idsHash: hashIds(ids),
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  startRssMb,
};
process.stdout.write(`${JSON.stringify(result)}\n`);

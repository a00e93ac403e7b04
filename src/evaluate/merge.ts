/**
 * `hrm-lcb merge DIR...`: combine the run directories of `--shard i/n` runs (a Slurm array, a Kubernetes
 * indexed job) into one run: same fingerprint required, every shard present exactly once (or
 * `--allow-partial`), problems put back in LCB's order, journals concatenated with one row per key, then the
 * reports rebuilt as for a single run.
 */
import { mkdir, open } from 'node:fs/promises';
import type { ProblemRow } from '../contracts/journal.ts';
import type { RunManifest } from '../contracts/run.ts';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { InputError, UserError } from '../core/errors.ts';
import { compareCodePoints } from '../lcb/index.ts';
import { indexJournal, journalKey, readJournal } from './journal.ts';
import { fingerprintMismatch, readManifest, runPaths, writeManifest } from './run-dir.ts';
import { readProblems } from './run-reader.ts';

const SCENARIO_ORDER = ['codegeneration', 'selfrepair', 'testoutputprediction', 'codeexecution'];

/** LCB's order of problems: question_id (code points), then test_id, or the number of `sample_N`. */
export function compareProblems(a: ProblemRow, b: ProblemRow): number {
  const byScenario = SCENARIO_ORDER.indexOf(a.scenario) - SCENARIO_ORDER.indexOf(b.scenario);
  if (byScenario !== 0) return byScenario;
  if (a.scenario === 'codeexecution') {
    const number = (id: string): number => Number(id.split('_')[1] ?? Number.NaN);
    return number(a.problem_id) - number(b.problem_id) || compareCodePoints(a.problem_id, b.problem_id);
  }
  if (a.scenario === 'testoutputprediction') {
    return (
      compareCodePoints(String(a.record.question_id), String(b.record.question_id)) ||
      Number(a.record.test_id) - Number(b.record.test_id)
    );
  }
  return compareCodePoints(a.problem_id, b.problem_id);
}

/** What to merge and where. */
export interface MergeRequest {
  dirs: readonly string[];
  outputDir: string;
  allowPartial: boolean;
  stderr: NodeJS.WritableStream;
}

function checkShards(
  manifests: readonly { dir: string; manifest: RunManifest }[],
  allowPartial: boolean,
): void {
  const shards = manifests.map(({ manifest }) => manifest.shard);
  if (shards.every((shard) => shard === null)) return;
  if (shards.some((shard) => shard === null)) throw new UserError('cannot merge sharded and unsharded runs');
  const count = shards[0]!.count;
  if (shards.some((shard) => shard!.count !== count))
    throw new UserError('the runs were sharded with different counts');
  const seen = new Map<number, string>();
  for (const { dir, manifest } of manifests) {
    const other = seen.get(manifest.shard!.index);
    if (other !== undefined)
      throw new UserError(`${other} and ${dir} are both shard ${manifest.shard!.index}/${count}`);
    seen.set(manifest.shard!.index, dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0 && !allowPartial) {
    throw new UserError(`shards ${missing.map((i) => `${i}/${count}`).join(', ')} are missing`, {
      hint: 'pass every shard directory, or --allow-partial to merge what is there',
    });
  }
}

/**
 * Merge shard runs into `outputDir` (the caller writes its reports). `run.json` is written last: a merge
 * killed midway leaves no manifest, and running it again starts over in the same directory.
 */
export async function mergeRuns(request: MergeRequest): Promise<void> {
  if (request.dirs.length === 0) throw new UserError('merge needs at least one run directory');
  const manifests: { dir: string; manifest: RunManifest }[] = [];
  for (const dir of request.dirs) {
    const manifest = await readManifest(dir);
    if (manifest === undefined) throw new InputError(runPaths(dir).manifest, 'no run manifest here');
    manifests.push({ dir, manifest });
  }
  const first = manifests[0]!;
  for (const { dir, manifest } of manifests) {
    if (manifest.fingerprint !== first.manifest.fingerprint) {
      throw fingerprintMismatch(
        dir,
        manifest.fingerprint,
        first.manifest.fingerprint,
        `the fingerprint of ${first.dir}`,
        'merge the shards of one run: the same evaluate flags, each with its own --shard i/n',
      );
    }
  }
  checkShards(manifests, request.allowPartial);
  const out = runPaths(request.outputDir);
  if ((await readManifest(out.dir)) !== undefined) {
    throw new UserError(`${out.dir} already holds a run`, { hint: 'merge into a new --output-dir' });
  }
  await mkdir(out.dir, { recursive: true });

  const problems = new Map<string, ProblemRow>();
  for (const { dir } of manifests) {
    for (const row of await readProblems(runPaths(dir).problems))
      problems.set(`${row.scenario}\u0000${row.problem_id}`, row);
  }
  const ordered = [...problems.values()].sort(compareProblems);
  await writeFileAtomic(out.problems, `${ordered.map((row) => JSON.stringify(row)).join('\n')}\n`);

  const seen = new Set<string>();
  let duplicates = 0;
  const journal = await open(out.journal, 'w');
  const write = (text: string) => journal.write(text);
  try {
    for (const { dir } of manifests) {
      const file = runPaths(dir).journal;
      const latest = await indexJournal(file);
      if (latest.size === 0) continue;
      for await (const { row, offset } of readJournal(file)) {
        const key = journalKey(row.scenario, row.problem_id, row.sample);
        if (latest.get(row.scenario, row.problem_id, row.sample)?.offset !== offset) continue; // superseded in its run
        if (seen.has(key)) {
          duplicates += 1;
          continue;
        }
        seen.add(key);
        await write(`${JSON.stringify(row)}\n`);
      }
    }
    await journal.sync();
  } finally {
    await journal.close();
  }
  if (duplicates > 0)
    request.stderr.write(`hrm-lcb merge: ${duplicates} rows appeared in more than one run; kept the first\n`);

  await writeManifest(out.dir, {
    ...first.manifest,
    shard: null,
    merged_from: manifests.map(({ dir }) => dir),
    created_at: new Date().toISOString(),
  });
}

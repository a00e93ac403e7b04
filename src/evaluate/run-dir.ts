/**
 * The run directory: its files, its manifest (`run.json`: resolved config, fingerprint, shard, operations)
 * and the fingerprint rule. Layout:
 *
 *   RUN_DIR/run.json         manifest, written atomically when the run starts
 *   RUN_DIR/problems.jsonl   one row per (scenario, problem): LCB fields, prompt, date, difficulty
 *   RUN_DIR/journal.jsonl    append-only, one row per (scenario, problem, sample)
 *   RUN_DIR/cache/           model responses by canonical request (unless --cache-dir / --no-cache)
 *   RUN_DIR/results/         LCB-compatible files: Scenario.<s>_<n>_<t>.json, _eval.json, _eval_all.json
 *   RUN_DIR/report.html      the offline HTML report; summary.csv, samples.csv; summary.json
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RUN_FORMAT, RUN_FORMAT_VERSION, type RunConfig, RunManifest } from '../contracts/run.ts';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { InputError, UserError } from '../core/errors.ts';
import { firstIssue } from '../core/zod-issues.ts';
import { canonicalHash } from '../models/canonical.ts';

/** The files of a run directory. */
export function runPaths(dir: string) {
  return {
    dir,
    manifest: join(dir, 'run.json'),
    problems: join(dir, 'problems.jsonl'),
    journal: join(dir, 'journal.jsonl'),
    cache: join(dir, 'cache'),
    results: join(dir, 'results'),
    html: join(dir, 'report.html'),
    summaryCsv: join(dir, 'summary.csv'),
    samplesCsv: join(dir, 'samples.csv'),
    summaryJson: join(dir, 'summary.json'),
  };
}

/**
 * The run's fingerprint: SHA-256 of the canonical config without what cannot change a score (the model's
 * concurrency, timeouts, attempt budget and key variable name).
 */
export function fingerprintOf(config: RunConfig): string {
  const model =
    config.model.backend === 'openai'
      ? { backend: 'openai', model: config.model.model, base_url: config.model.base_url }
      : config.model;
  return canonicalHash({ ...config, model });
}

/** Read and validate `run.json`; `undefined` when the directory has none. */
export async function readManifest(dir: string): Promise<RunManifest | undefined> {
  const file = runPaths(dir).manifest;
  if (!existsSync(file)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InputError(file, `invalid JSON: ${(error as Error).message}`);
  }
  const head = value as { format?: unknown; version?: unknown };
  if (head?.format !== RUN_FORMAT) {
    throw new InputError(file, `not an hrm-lcb run manifest (format ${JSON.stringify(head?.format)})`);
  }
  if (head.version !== RUN_FORMAT_VERSION) {
    throw new InputError(
      file,
      `run format version ${String(head.version)}; this hrm-lcb reads ${RUN_FORMAT_VERSION}`,
      {
        hint: 'rebuild the run with this version of hrm-lcb, or use the version that wrote it',
      },
    );
  }
  const parsed = RunManifest.safeParse(value);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    throw new InputError(file, issue.message, { field: issue.field });
  }
  if (fingerprintOf(parsed.data.config) !== parsed.data.fingerprint) {
    throw new InputError(file, 'the fingerprint does not match the config (the file was edited)', {
      field: 'fingerprint',
    });
  }
  return parsed.data;
}

/** Write `run.json` atomically. */
export async function writeManifest(dir: string, manifest: RunManifest): Promise<void> {
  await writeFileAtomic(runPaths(dir).manifest, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Refuse to mix runs: both fingerprints named, with the way out. `source` says where `wanted` comes from. */
export function fingerprintMismatch(
  dir: string,
  stored: string,
  wanted: string,
  source: string,
  hint = 'use another --output-dir, or run with the settings in its run.json (hrm-lcb evaluate --resume --output-dir DIR)',
): UserError {
  return new UserError(
    `${dir} holds a run with fingerprint ${stored.slice(0, 12)}, not ${wanted.slice(0, 12)} (${source})`,
    { hint },
  );
}

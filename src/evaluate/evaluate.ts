/**
 * `hrm-lcb evaluate`, start to end, as a sequence of named steps: settle the config (new run, or the one in
 * `run.json` when resuming), index the journal, plan the units, write the manifest and problem table, run
 * the pipeline with progress. The caller then writes the reports from the run directory. A run killed at any point resumes with `--resume`:
 * finished samples are in the journal (never redone), model responses in the cache (never re-bought).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import type { JournalRow } from '../contracts/journal.ts';
import type { LcbScenario } from '../contracts/lcb-problem.ts';
import {
  RUN_FORMAT,
  RUN_FORMAT_VERSION,
  type RunConfig,
  type RunManifest,
  type RunOperations,
  type SelfRepairSource,
  type ShardSpec,
} from '../contracts/run.ts';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { UserError } from '../core/errors.ts';
import { createModel, DirectoryResponseCache, noResponseCache } from '../models/index.ts';
import { type CodegenSource, LcbEvalAllCodegen, RunDirCodegen, SameRunCodegen } from './codegen-source.ts';
import type { Grading } from './grading.ts';
import { startHeapGovernor } from './heap-governor.ts';
import { compactJournal, indexJournal, type JournalIndex, JournalWriter } from './journal.ts';
import { runUnits } from './pipeline.ts';
import { planRun } from './plan.ts';
import { createProgress } from './progress.ts';
import { fingerprintMismatch, fingerprintOf, readManifest, runPaths, writeManifest } from './run-dir.ts';

/** A run's config before planning (the selection hash and self-repair source are settled by `evaluate`). */
export type RunConfigDraft = Omit<RunConfig, 'selection_hash' | 'self_repair_source'>;

/** Everything `evaluate` is asked to do. */
export interface EvaluateRequest {
  outputDir: string;
  /** the config the flags give; `undefined` when resuming with no scoring flag (run.json decides) */
  draft: RunConfigDraft | undefined;
  /** `--codegen-run`: a run directory or an LCB `_eval_all.json` file */
  codegenRun: string | undefined;
  shard: ShardSpec | null;
  operations: RunOperations;
  resume: boolean;
  retryErrors: boolean;
  /** a scoring flag was given on the command line (with --resume, it must agree with run.json) */
  scoringFlagsGiven: boolean;
  skipInvalid: boolean;
  /** decode every test while planning (`--check-tests`) */
  checkTests?: boolean;
  /** builds the grader for the settled config (the sandbox is made here, after every check passed) */
  createGrading: (config: RunConfig) => Promise<Grading>;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  version: string;
  /** units in flight (default: enough to keep the model and the sandbox busy) */
  workers?: number;
  progress?: { plain?: boolean; intervalMs?: number };
}

/** How the run ended (reports are written by the caller from the run directory). */
export interface EvaluateOutcome {
  interrupted: boolean;
  manifest: RunManifest;
}

async function sha256File(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** Resolve `--codegen-run` (or the same run) into a self-repair source and its sample count. */
async function selfRepairSource(
  request: EvaluateRequest,
  scenarios: readonly LcbScenario[],
  journalFile: string,
  liveIndex: JournalIndex,
  samples: number,
): Promise<{
  spec: SelfRepairSource | null;
  source?: CodegenSource;
  samples: number;
  sameRun?: SameRunCodegen;
}> {
  if (!scenarios.includes('selfrepair')) return { spec: null, samples };
  const from = request.codegenRun;
  if (from === undefined) {
    if (!scenarios.includes('codegeneration')) {
      throw new UserError('self-repair needs code-generation results', {
        hint: 'add generation to --scenarios, or pass --codegen-run DIR (an hrm-lcb run) or FILE (an LCB _eval_all.json)',
      });
    }
    const sameRun = new SameRunCodegen(journalFile, liveIndex, samples, request.signal);
    return { spec: { kind: 'same-run' }, source: sameRun, samples, sameRun };
  }
  const isDir = (await stat(from).catch(() => undefined))?.isDirectory() === true;
  if (isDir) {
    const manifest = await readManifest(from);
    if (manifest === undefined)
      throw new UserError(`--codegen-run ${from}: not an hrm-lcb run directory (no run.json)`);
    if (!manifest.config.scenarios.includes('codegeneration')) {
      throw new UserError(`--codegen-run ${from}: that run has no code-generation scenario`);
    }
    const source = await RunDirCodegen.open(runPaths(from).journal, manifest.config.sampling.n);
    return {
      spec: { kind: 'run', dir: from, fingerprint: manifest.fingerprint },
      source,
      samples: manifest.config.sampling.n,
    };
  }
  const source = await LcbEvalAllCodegen.open(from);
  return {
    spec: { kind: 'lcb-eval-all', file: from, sha256: await sha256File(from) },
    source,
    samples: source.samples(),
  };
}

/** Run (or resume) an evaluation. */
export async function evaluate(request: EvaluateRequest): Promise<EvaluateOutcome> {
  const paths = runPaths(request.outputDir);
  await mkdir(paths.dir, { recursive: true });

  // 1. settle the config: a resumed run keeps the one in run.json
  const stored = await readManifest(paths.dir);
  if (stored !== undefined && !request.resume) {
    throw new UserError(`${paths.dir} already holds a run (fingerprint ${stored.fingerprint.slice(0, 12)})`, {
      hint: 'pass --resume to continue it, or choose another --output-dir',
    });
  }
  const base: RunConfigDraft | undefined = stored?.config ?? request.draft;
  if (base === undefined) {
    throw new UserError(`${paths.dir} holds no run to continue`, {
      hint: 'check --output-dir, or start a run with --model-path',
    });
  }
  const shard = stored?.shard ?? request.shard;
  const sameShard = (a: ShardSpec | null, b: ShardSpec | null): boolean =>
    a?.index === b?.index && a?.count === b?.count;
  if (stored !== undefined && request.shard !== null && !sameShard(stored.shard, request.shard)) {
    const storedText =
      stored.shard === null ? 'no shard' : `shard ${stored.shard.index}/${stored.shard.count}`;
    throw new UserError(
      `${paths.dir} holds ${storedText}, not shard ${request.shard.index}/${request.shard.count}`,
      {
        hint: 'resume a shard with its own --output-dir',
      },
    );
  }

  // 2. the journal: cut a torn tail, drop error rows under --retry-errors, index what is done
  if (request.retryErrors) {
    const dropped = await compactJournal(paths.journal, (row) => row.status === 'error').catch(
      (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
        throw error;
      },
    );
    if (dropped > 0)
      request.stderr.write(
        `hrm-lcb evaluate: retrying ${dropped} samples that ended in infrastructure errors\n`,
      );
  }
  const journal = await JournalWriter.open(paths.journal);
  const index = await indexJournal(paths.journal);
  let lineCount = index.lastLine;

  // 3. plan
  const storedSource = stored?.config.self_repair_source;
  const codegenRun =
    storedSource === undefined || storedSource === null
      ? request.codegenRun
      : storedSource.kind === 'run'
        ? storedSource.dir
        : storedSource.kind === 'lcb-eval-all'
          ? storedSource.file
          : undefined;
  const source = await selfRepairSource(
    { ...request, codegenRun },
    base.scenarios,
    paths.journal,
    index,
    base.sampling.n,
  );
  const grading = await request.createGrading({
    ...base,
    self_repair_source: source.spec,
    selection_hash: '',
  });
  const measuredMs = new Map<string, number>();
  for (const { scenario, problemId, row } of index.entries()) {
    const planKey = `${scenario}\u0000${problemId}`;
    measuredMs.set(planKey, (measuredMs.get(planKey) ?? 0) + row.gradeMs);
  }
  const plan = await planRun({
    config: { ...base, self_repair_source: source.spec, selection_hash: '' },
    shard,
    grading,
    skipInvalid: request.skipInvalid,
    checkTests: request.checkTests === true,
    measuredMs,
    ...(source.source === undefined ? {} : { codegen: { source: source.source, samples: source.samples } }),
  });
  for (const warning of plan.warnings) request.stderr.write(`hrm-lcb evaluate: ${warning}\n`);
  const config: RunConfig = { ...base, self_repair_source: source.spec, selection_hash: plan.selectionHash };
  const fingerprint = fingerprintOf(config);
  if (stored !== undefined && stored.fingerprint !== fingerprint) {
    await Promise.all([journal.close(), grading.close(), plan.close()]);
    throw fingerprintMismatch(
      paths.dir,
      stored.fingerprint,
      fingerprint,
      'the fingerprint of the data selected now',
    );
  }
  if (stored !== undefined && request.scoringFlagsGiven && request.draft !== undefined) {
    const wanted = fingerprintOf({
      ...request.draft,
      self_repair_source: source.spec,
      selection_hash: plan.selectionHash,
    });
    if (wanted !== stored.fingerprint) {
      await Promise.all([journal.close(), grading.close(), plan.close()]);
      throw fingerprintMismatch(paths.dir, stored.fingerprint, wanted, 'the fingerprint of the flags given');
    }
  }

  // 4. manifest and problem table
  const manifest: RunManifest = stored ?? {
    format: RUN_FORMAT,
    version: RUN_FORMAT_VERSION,
    fingerprint,
    config,
    shard,
    operations: request.operations,
    merged_from: [],
    created_at: new Date().toISOString(),
    hrm_lcb_version: request.version,
  };
  if (stored === undefined) await writeManifest(paths.dir, manifest);
  const totals = new Map<LcbScenario, number>();
  const problemLines: string[] = [];
  for (const unit of plan.ordered) {
    const row = unit.row();
    totals.set(unit.scenario, (totals.get(unit.scenario) ?? 0) + row.samples);
    problemLines.push(JSON.stringify(row));
  }
  await writeFileAtomic(paths.problems, `${problemLines.join('\n')}\n`);
  problemLines.length = 0;

  // 5. run
  const cache =
    request.operations.cache_dir === null
      ? noResponseCache
      : new DirectoryResponseCache(request.operations.cache_dir);
  const model = await createModel(config.model, { oracle: () => plan.oracle, cache, env: request.env });
  const already = new Map<LcbScenario, { graded: number; passed: number; errors: number }>();
  for (const { scenario: name, row } of index.entries()) {
    const scenario = name as LcbScenario;
    const tally = already.get(scenario) ?? { graded: 0, passed: 0, errors: 0 };
    if (row.status === 'error') tally.errors += 1;
    else {
      tally.graded += 1;
      if (row.passed) tally.passed += 1;
    }
    already.set(scenario, tally);
  }
  const progress = createProgress({ stream: request.stderr, totals, already, ...request.progress });
  const governor = startHeapGovernor();
  const append = async (row: JournalRow): Promise<void> => {
    const where = await journal.append(row);
    lineCount += 1;
    index.set(row.scenario, row.problem_id, row.sample, {
      ...where,
      line: lineCount,
      status: row.status,
      passed: row.passed,
      skipped: row.skipped,
      gradeMs: row.grade_ms,
    });
  };
  try {
    await runUnits(plan.units, {
      model,
      style: config.prompt_style,
      sampling: config.sampling,
      append,
      done: (unit, sample) => index.has(unit.scenario, unit.problemId, sample),
      signal: request.signal,
      workers: request.workers ?? Math.max(4, request.operations.grading_slots * 2),
      onRow: (row) => progress.row(row),
      onUnitDone: (unit) => {
        if (unit.scenario === 'codegeneration') source.sameRun?.complete(unit.problemId);
      },
    });
  } finally {
    governor.stop();
    progress.stop();
    await journal.close();
    await Promise.all([model.close(), grading.close(), plan.close()]);
  }

  if (request.signal.aborted) {
    request.stderr.write(
      `hrm-lcb evaluate: interrupted; continue with: hrm-lcb evaluate --resume --output-dir ${paths.dir}\n`,
    );
    return { interrupted: true, manifest };
  }
  return { interrupted: false, manifest };
}

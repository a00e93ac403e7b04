/**
 * Run units of work: for each, ask the model for the samples the journal does not have yet, extract, grade
 * and append one journal row per sample. `workers` units run at once (each pulls the next unit when it
 * finishes), so memory holds O(workers) problems whatever the run's size; the model back-end and the
 * sandbox pool bound their own concurrency underneath.
 *
 * Failures of the infrastructure (model calls that failed after their retries, sandbox failures) become
 * `error` rows, which `--retry-errors` redoes; an interrupt stops scheduling, drops in-flight work without
 * writing it, and leaves the journal resumable.
 */
import type { JournalRow } from '../contracts/journal.ts';
import type { SamplingParams } from '../contracts/model.ts';
import type { Model } from '../models/index.ts';
import { ModelError } from '../models/index.ts';
import type { PromptStyle } from '../prompts/index.ts';
import { promptAsText } from '../prompts/index.ts';
import { type GradeOutcome, GradingInfrastructureError, infrastructureOutcome } from './grading.ts';
import type { SampleRequest, Unit } from './units.ts';

/** What the pipeline runs with. */
export interface PipelineContext {
  model: Model;
  style: PromptStyle;
  sampling: SamplingParams;
  /** appends one row; resolves once written */
  append: (row: JournalRow) => Promise<unknown>;
  /** whether the journal already holds a row for this sample (resume) */
  done: (unit: Unit, sample: number) => boolean;
  signal: AbortSignal;
  /** units in flight */
  workers: number;
  /** called after each appended row (progress) */
  onRow?: (row: JournalRow) => void;
  /** called when a unit has no sample left to do (resumed or finished) */
  onUnitDone?: (unit: Unit) => void;
}

type BaseRow = Pick<JournalRow, 'scenario' | 'problem_id' | 'sample'>;

function errorRow(
  base: BaseRow,
  stage: 'generate' | 'grade',
  kind: string,
  message: string,
  extra: Partial<JournalRow> = {},
): JournalRow {
  return {
    ...base,
    status: 'error',
    output: '',
    extracted: '',
    passed: false,
    results: [],
    metadata: null,
    skipped: false,
    error: { stage, kind, message },
    cached: false,
    generate_ms: 0,
    grade_ms: 0,
    prompt: null,
    original_code: null,
    stderr: '',
    tests: [],
    ...extra,
  };
}

function gradedRow(
  base: BaseRow,
  outcome: GradeOutcome,
  fields: Pick<
    JournalRow,
    'output' | 'extracted' | 'cached' | 'generate_ms' | 'grade_ms' | 'prompt' | 'original_code'
  >,
): JournalRow {
  return {
    ...base,
    status: 'graded',
    ...fields,
    passed: outcome.passed,
    results: outcome.results,
    metadata: outcome.metadata,
    skipped: outcome.skipped,
    error: null,
    stderr: outcome.stderr,
    tests: outcome.tests,
  };
}

/** Grade the missing samples of one request and journal them. */
async function gradeRequest(
  unit: Unit,
  request: SampleRequest,
  missing: readonly number[],
  ctx: PipelineContext,
): Promise<void> {
  if (ctx.signal.aborted) return;
  const base = (sample: number): BaseRow => ({ scenario: unit.scenario, problem_id: unit.problemId, sample });
  const prompt =
    unit.scenario === 'selfrepair' && request.prompt !== null ? promptAsText(request.prompt) : null;
  let outputs: readonly string[];
  let cached = false;
  let generateMs = 0;
  if (request.error !== undefined) {
    for (const sample of missing) {
      const row = errorRow(base(sample), 'generate', request.error.kind, request.error.message);
      await ctx.append(row);
      ctx.onRow?.(row);
    }
    return;
  }
  if (request.prompt === null) {
    outputs = request.reuse ?? [];
  } else {
    try {
      const result = await ctx.model.generate({
        scenario: unit.scenario,
        problemId: unit.problemId,
        firstSample: request.firstSample,
        prompt: request.prompt,
        style: ctx.style,
        sampling: { ...ctx.sampling, n: request.n },
        signal: ctx.signal,
      });
      outputs = result.outputs;
      cached = result.cached;
      generateMs = result.latencyMs;
    } catch (error) {
      if (ctx.signal.aborted) return;
      if (!(error instanceof ModelError)) throw error;
      for (const sample of missing) {
        const row = errorRow(base(sample), 'generate', error.kind, error.message, { prompt });
        await ctx.append(row);
        ctx.onRow?.(row);
      }
      return;
    }
  }
  const texts = missing.map((sample) => outputs[sample - request.firstSample] ?? '');
  const extracted = texts.map((output) => unit.extract(output));
  let outcomes: GradeOutcome[];
  try {
    outcomes = await unit.grade(extracted, ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted) return;
    if (!(error instanceof GradingInfrastructureError)) throw error;
    outcomes = missing.map(() => infrastructureOutcome(error.message));
  }
  if (ctx.signal.aborted) return; // runs stopped by the interrupt are not verdicts
  for (const [i, sample] of missing.entries()) {
    const outcome = outcomes[i]!;
    const fields = {
      output: texts[i]!,
      extracted: extracted[i]!,
      cached,
      generate_ms: generateMs,
      prompt,
      original_code: request.original ?? null,
    };
    const row =
      outcome.infraError === undefined
        ? gradedRow(base(sample), outcome, { ...fields, grade_ms: outcome.ms })
        : errorRow(base(sample), 'grade', 'sandbox', outcome.infraError, fields);
    await ctx.append(row);
    ctx.onRow?.(row);
  }
}

/** Do what is left of one unit. */
async function runUnit(unit: Unit, ctx: PipelineContext): Promise<void> {
  const total = await unit.samples();
  const missing = Array.from({ length: total }, (_, sample) => sample).filter(
    (sample) => !ctx.done(unit, sample),
  );
  if (missing.length > 0) {
    const requests = await unit.requests();
    await Promise.all(
      requests.map((request) => {
        const inRequest = missing.filter(
          (sample) => sample >= request.firstSample && sample < request.firstSample + request.n,
        );
        return inRequest.length === 0 ? undefined : gradeRequest(unit, request, inRequest, ctx);
      }),
    );
  }
  unit.release();
  if (!ctx.signal.aborted) ctx.onUnitDone?.(unit);
}

/** Run every unit, `ctx.workers` at a time, in the given order. */
export async function runUnits(units: readonly Unit[], ctx: PipelineContext): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!ctx.signal.aborted && next < units.length) {
      const unit = units[next]!;
      next += 1;
      await runUnit(unit, ctx);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, ctx.workers) }, worker));
}

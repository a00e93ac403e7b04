/**
 * A unit of work is one problem of one scenario: how to ask the model (one request for n samples, or one per
 * sample for self-repair), how to extract an answer from an output, and how to grade it. Each scenario's
 * unit is built here from the data layer's problem records; the pipeline treats them all alike.
 */
import type { ProblemRow } from '../contracts/journal.ts';
import type {
  CodeExecutionProblem,
  CodeGenerationMeta,
  CodeGenerationProblem,
  LcbScenario,
  TestOutputPredictionProblem,
} from '../contracts/lcb-problem.ts';
import { codegenRecord, executionRecord, testOutputRecord } from '../grade/lcb-rows.ts';
import {
  codeExecutionPrompt,
  codeGenerationPrompt,
  type Prompt,
  type PromptStyle,
  promptAsText,
  selfRepairPrompt,
  testOutputPrompt,
} from '../prompts/index.ts';
import {
  type GradeOutcome,
  type Grading,
  GradingInfrastructureError,
  infrastructureOutcome,
} from './grading.ts';

/** One model call (or a reuse) covering samples `firstSample .. firstSample + n - 1`. */
export interface SampleRequest {
  firstSample: number;
  n: number;
  /** `null`: no call; the outputs are `reuse` (self-repair keeps a generation that already passed) */
  prompt: Prompt | null;
  reuse?: readonly string[];
  /** self-repair: the code this sample repairs */
  original?: string;
  /** these samples cannot be produced (self-repair of a generation that failed for infrastructure reasons) */
  error?: { kind: string; message: string };
}

/** One problem of one scenario. */
export interface Unit {
  readonly scenario: LcbScenario;
  readonly problemId: string;
  /** the id shards are computed from (`question_id` for every scenario but code execution) */
  readonly shardId: string;
  readonly cost: number;
  /** samples this unit produces */
  samples(): Promise<number>;
  /** the requests covering every sample, in sample order */
  requests(): Promise<SampleRequest[]>;
  extract(output: string): string;
  /** grade the extracted answers of some samples together; one outcome each, in order */
  grade(extracted: readonly string[], signal?: AbortSignal): Promise<GradeOutcome[]>;
  /** drop loaded tests once every sample is graded (memory stays per unit in flight) */
  release(): void;
  /** the problem's row in `problems.jsonl` (built on demand: it holds the prompt text) */
  row(): ProblemRow;
}

/** What every unit is built with. */
export interface UnitContext {
  style: PromptStyle;
  /** samples per problem (code generation, test output, execution) */
  n: number;
  cot: boolean;
  grading: Grading;
}

/** Grade code generations one sandbox run each (in parallel); a failed run marks only its own sample. */
async function gradeEach(
  problem: CodeGenerationProblem,
  codes: readonly string[],
  grading: Grading,
  signal?: AbortSignal,
): Promise<GradeOutcome[]> {
  const settled = await Promise.allSettled(
    codes.map((code) => grading.codeGeneration(problem, code, signal)),
  );
  return settled.map((result) => {
    if (result.status === 'fulfilled') return result.value;
    if (!(result.reason instanceof GradingInfrastructureError)) throw result.reason;
    return infrastructureOutcome(result.reason.message);
  });
}

/** What code generation and self-repair share: extraction, and grading with the tests loaded on first use. */
function codeGrading(
  meta: CodeGenerationMeta,
  load: (meta: CodeGenerationMeta) => Promise<CodeGenerationProblem>,
  ctx: UnitContext,
): Pick<Unit, 'extract' | 'grade' | 'release'> {
  let loaded: Promise<CodeGenerationProblem> | undefined;
  return {
    extract: (output) => ctx.grading.extractCode(output, ctx.style),
    grade: async (codes, signal) => {
      loaded ??= load(meta);
      return gradeEach(await loaded, codes, ctx.grading, signal);
    },
    release: () => {
      loaded = undefined;
    },
  };
}

/** The `problems.jsonl` row of a code-generation or self-repair problem. */
function codeProblemRow(
  scenario: 'codegeneration' | 'selfrepair',
  meta: CodeGenerationMeta,
  samples: number,
  prompt: string,
  cost: number,
): ProblemRow {
  return {
    scenario,
    problem_id: meta.question_id,
    samples,
    difficulty: meta.difficulty,
    platform: meta.platform,
    contest_date: meta.contest_date,
    title: meta.question_title,
    prompt,
    cost,
    record: codegenRecord(meta),
  };
}

/** Code generation: one request for n samples; the problem's tests load on first grade. */
export function codeGenerationUnit(
  meta: CodeGenerationMeta,
  load: (meta: CodeGenerationMeta) => Promise<CodeGenerationProblem>,
  cost: number,
  ctx: UnitContext,
): Unit {
  const prompt = (): Prompt => codeGenerationPrompt(meta, ctx.style);
  return {
    scenario: 'codegeneration',
    problemId: meta.question_id,
    shardId: meta.question_id,
    cost,
    samples: async () => ctx.n,
    requests: async () => [{ firstSample: 0, n: ctx.n, prompt: prompt() }],
    ...codeGrading(meta, load, ctx),
    row: () => codeProblemRow('codegeneration', meta, ctx.n, promptAsText(prompt()), cost),
  };
}

/** A code-generation sample as self-repair reads it (`_eval_all.json` fields of one generation). */
export interface CodeGenerationResult {
  output: string;
  code: string;
  passed: boolean;
  /** LCB metadata JSON string */
  metadata: string;
  /** the generation itself failed (infrastructure); its repair is an error too, redone by --retry-errors */
  error?: string;
}

/** Self-repair: one request per code-generation sample that failed; a passing one is reused as LCB does. */
export function selfRepairUnit(
  meta: CodeGenerationMeta,
  load: (meta: CodeGenerationMeta) => Promise<CodeGenerationProblem>,
  cost: number,
  codegen: () => Promise<readonly CodeGenerationResult[] | undefined>,
  plannedSamples: number,
  ctx: UnitContext,
): Unit {
  return {
    scenario: 'selfrepair',
    problemId: meta.question_id,
    shardId: meta.question_id,
    cost,
    samples: async () => (await codegen())?.length ?? plannedSamples,
    requests: async () => {
      const generations = await codegen();
      if (generations === undefined) {
        const message = `the code-generation results have no row for ${meta.question_id}`;
        return Array.from({ length: plannedSamples }, (_, index) => ({
          firstSample: index,
          n: 1,
          prompt: null,
          error: { kind: 'missing-codegen', message },
        }));
      }
      return generations.map((generation, index): SampleRequest => {
        if (generation.error !== undefined) {
          const message = `code-generation sample ${index} has no verdict: ${generation.error}`;
          return { firstSample: index, n: 1, prompt: null, error: { kind: 'codegen-error', message } };
        }
        const input = {
          question_content: meta.question_content,
          code: generation.code,
          result: generation.passed,
          metadata: generation.metadata,
        };
        const prompt = selfRepairPrompt(input, ctx.style);
        return prompt === null
          ? { firstSample: index, n: 1, prompt: null, reuse: [generation.output], original: generation.code }
          : { firstSample: index, n: 1, prompt, original: generation.code };
      });
    },
    ...codeGrading(meta, load, ctx),
    row: () =>
      codeProblemRow(
        'selfrepair',
        meta,
        plannedSamples,
        '(one prompt per code-generation sample; see each sample)',
        cost,
      ),
  };
}

/** Test output prediction: one request for n samples. */
export function testOutputUnit(
  problem: TestOutputPredictionProblem,
  problemId: string,
  cost: number,
  ctx: UnitContext,
): Unit {
  const prompt = (): Prompt => testOutputPrompt({ ...problem, input: problem.test[0]!.input }, ctx.style);
  return {
    scenario: 'testoutputprediction',
    problemId,
    shardId: problem.question_id,
    cost,
    samples: async () => ctx.n,
    requests: async () => [{ firstSample: 0, n: ctx.n, prompt: prompt() }],
    extract: (output) => ctx.grading.extractTestOutput(output, ctx.style),
    grade: (predictions, signal) => ctx.grading.testOutputs(problem, predictions, signal),
    release: () => {},
    row: () => ({
      scenario: 'testoutputprediction',
      problem_id: problemId,
      samples: ctx.n,
      difficulty: problem.difficulty,
      platform: null,
      contest_date: problem.contest_date,
      title: problem.question_title,
      prompt: promptAsText(prompt()),
      cost,
      record: testOutputRecord(problem),
    }),
  };
}

/** Code execution: one request for n samples. */
export function codeExecutionUnit(problem: CodeExecutionProblem, cost: number, ctx: UnitContext): Unit {
  const prompt = (): Prompt => codeExecutionPrompt(problem, ctx.style, ctx.cot);
  return {
    scenario: 'codeexecution',
    problemId: problem.id,
    shardId: problem.id,
    cost,
    samples: async () => ctx.n,
    requests: async () => [{ firstSample: 0, n: ctx.n, prompt: prompt() }],
    extract: (output) => ctx.grading.extractExecution(output, ctx.style, ctx.cot),
    grade: (predictions, signal) => ctx.grading.codeExecutions(problem, predictions, signal),
    release: () => {},
    row: () => ({
      scenario: 'codeexecution',
      problem_id: problem.id,
      samples: ctx.n,
      difficulty: problem.difficulty,
      platform: null,
      contest_date: problem.contest_date,
      title: problem.function_name,
      prompt: promptAsText(prompt()),
      cost,
      record: executionRecord(problem),
    }),
  };
}

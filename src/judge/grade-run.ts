/**
 * Grade every answer of one scenario through the sandbox: code generation / self-repair per generation,
 * test output per row, code execution per sample. Verdicts go to the journal as they finish, so a rerun
 * after a kill grades only what is missing; runs that hit a sandbox infrastructure error are left out of
 * the results (never turned into verdicts) and counted, for the caller to retry.
 */
import pLimit from 'p-limit';
import type {
  CodeExecutionProblem,
  CodeGenerationMeta,
  CodeGenerationProblem,
  TestOutputPredictionProblem,
} from '../contracts/lcb-problem.ts';
import type { CodegenMetadata, CodegenVerdict } from '../grade/codegen.ts';
import type { GradedProblem } from '../grade/result-files.ts';
import { codeGenerationSample } from '../lcb/evaluation-sample.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { judgeCodeExecution } from './code-execution.ts';
import { type JudgeOptions, judgeGeneration } from './codegen.ts';
import { digest, type GradeJournal } from './journal.ts';
import { judgeTestOutputs } from './test-output.ts';

/** How to run a scenario's grading. */
export interface GradeRunOptions extends JudgeOptions {
  /** judge calls in flight at once (the sandbox queues beyond its slots) */
  concurrency: number;
  /** stop starting new work when aborted; what finished is in the journal */
  signal?: AbortSignal;
  /** after each finished unit: units done so far, units in all */
  onProgress?: (done: number, total: number) => void;
}

/** What a scenario's grading produced. */
export interface GradeRunResult<P> {
  /** every problem, in order; `complete` false when some of its answers have no verdict */
  graded: (GradedProblem<P> & { complete: boolean })[];
  /** units (generations, rows, samples) whose runs failed in the sandbox itself */
  infrastructureErrors: { key: string; message: string }[];
  /** units taken from the journal instead of being graded again */
  reused: number;
}

class Progress {
  done = 0;
  constructor(
    readonly total: number,
    private readonly report?: (done: number, total: number) => void,
  ) {}
  tick(): void {
    this.done += 1;
    this.report?.(this.done, this.total);
  }
}

/**
 * Grade the generations of code-generation (or self-repair) problems, streamed one problem's tests at a
 * time; `total` is the number of generations (for progress).
 */
export async function gradeCodeGeneration(
  sandbox: Sandbox,
  problems: AsyncIterable<CodeGenerationProblem>,
  total: number,
  answers: ReadonlyMap<string, readonly string[]>,
  journal: GradeJournal,
  options: GradeRunOptions,
): Promise<GradeRunResult<CodeGenerationMeta>> {
  const limit = pLimit(options.concurrency);
  const progress = new Progress(total, options.onProgress);
  const result: GradeRunResult<CodeGenerationMeta> = { graded: [], infrastructureErrors: [], reused: 0 };
  const inFlight = new Set<Promise<void>>();
  const submit = (work: () => Promise<void>): void => {
    const task: Promise<void> = limit(work).finally(() => inFlight.delete(task));
    inFlight.add(task);
  };
  for await (const problem of problems) {
    if (options.signal?.aborted) break;
    const codes = answers.get(problem.question_id) ?? [];
    const sample = codeGenerationSample(problem);
    const entry = {
      problem: metaOf(problem),
      outputList: [...codes],
      extractedList: [...codes],
      results: new Array<(boolean | number)[]>(codes.length),
      metadata: new Array<CodegenMetadata>(codes.length),
      complete: true,
    };
    result.graded.push(entry);
    const tests = { fnName: sample.fn_name, inputs: sample.inputs, outputs: sample.outputs };
    codes.forEach((code, index) => {
      const key = digest(['codegen', problem.question_id, index, code]);
      const known = journal.get(key) as CodegenVerdict | undefined;
      if (known !== undefined) {
        entry.results[index] = known.results;
        entry.metadata[index] = known.metadata;
        result.reused += 1;
        progress.tick();
        return;
      }
      submit(async () => {
        if (options.signal?.aborted) {
          entry.complete = false;
          return;
        }
        const outcome = await judgeGeneration(sandbox, tests, code, options);
        if (outcome.kind === 'infrastructure-error') {
          entry.complete = false;
          result.infrastructureErrors.push({
            key: `${problem.question_id}#${index}`,
            message: outcome.message,
          });
        } else {
          journal.record(key, outcome.verdict);
          entry.results[index] = outcome.verdict.results;
          entry.metadata[index] = outcome.verdict.metadata;
        }
        progress.tick();
      });
    });
    // hold only a few problems' tests in memory: wait while the queue is long
    while (inFlight.size > options.concurrency * 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return result;
}

function metaOf(problem: CodeGenerationProblem): CodeGenerationMeta {
  const { public_test_cases: _p, private_test_cases: _q, ...meta } = problem;
  return meta;
}

/** Grade test-output predictions, one sandbox run per row (all of the row's predictions). */
export async function gradeTestOutput(
  sandbox: Sandbox,
  problems: readonly TestOutputPredictionProblem[],
  answers: readonly (readonly string[])[],
  journal: GradeJournal,
  options: GradeRunOptions,
): Promise<GradeRunResult<TestOutputPredictionProblem>> {
  return gradeRows(
    problems,
    answers,
    journal,
    options,
    'testoutput',
    (p) => `${p.question_id}/${p.test_id}`,
    (problem, preds) =>
      judgeTestOutputs(
        sandbox,
        preds.map((prediction) => ({ prediction, expectedOutput: problem.test[0]!.output })),
        options,
      ),
  );
}

/** Grade code-execution predictions, one sandbox run per sample. */
export async function gradeCodeExecution(
  sandbox: Sandbox,
  problems: readonly CodeExecutionProblem[],
  answers: readonly (readonly string[])[],
  journal: GradeJournal,
  options: GradeRunOptions,
): Promise<GradeRunResult<CodeExecutionProblem>> {
  return gradeRows(
    problems,
    answers,
    journal,
    options,
    'execution',
    (p) => p.id,
    (problem, preds) => judgeCodeExecution(sandbox, problem, preds, options),
  );
}

async function gradeRows<P>(
  problems: readonly P[],
  answers: readonly (readonly string[])[],
  journal: GradeJournal,
  options: GradeRunOptions,
  scenario: string,
  keyOf: (problem: P) => string,
  judge: (problem: P, predictions: readonly string[]) => ReturnType<typeof judgeTestOutputs>,
): Promise<GradeRunResult<P>> {
  const limit = pLimit(options.concurrency);
  const progress = new Progress(problems.length, options.onProgress);
  const result: GradeRunResult<P> = { graded: [], infrastructureErrors: [], reused: 0 };
  await Promise.all(
    problems.map((problem, i) => {
      const predictions = [...(answers[i] ?? [])];
      const entry = {
        problem,
        outputList: predictions,
        extractedList: predictions,
        results: [] as boolean[][],
        complete: true,
      };
      result.graded.push(entry);
      const key = digest([scenario, keyOf(problem), predictions]);
      const known = journal.get(key) as boolean[] | undefined;
      if (known !== undefined) {
        entry.results = known.map((r) => [r]);
        result.reused += 1;
        progress.tick();
        return Promise.resolve();
      }
      return limit(async () => {
        if (options.signal?.aborted) {
          entry.complete = false;
          return;
        }
        const outcome = await judge(problem, predictions);
        if (outcome.kind === 'infrastructure-error') {
          entry.complete = false;
          result.infrastructureErrors.push({ key: keyOf(problem), message: outcome.message });
        } else {
          journal.record(key, outcome.verdict);
          entry.results = outcome.verdict.map((r) => [r]);
        }
        progress.tick();
      });
    }),
  );
  return result;
}

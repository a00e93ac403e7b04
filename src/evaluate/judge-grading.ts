/**
 * The evaluator's `Grading` over the graders' API: LCB extraction from `grade/extract.ts`, verdicts through
 * the sandbox from `judge/`. Metadata is stored as LCB stores it in `_eval_all.json` (`metadataJson`); a
 * code generation's row also gets what the run showed for the drill-down: its stderr and per-test times.
 */
import type { TestDetail } from '../contracts/journal.ts';
import type { CodeGenerationProblem } from '../contracts/lcb-problem.ts';
import type { RunGrading } from '../contracts/run.ts';
import { extractCode, extractExecutionCode, extractTestOutputCode } from '../grade/extract.ts';
import { metadataJson } from '../grade/lcb-rows.ts';
import type { TestResult } from '../grade/pass-at-k.ts';
import { generationCorrect } from '../grade/pass-at-k.ts';
import { judgeExecutionPredictions } from '../judge/code-execution.ts';
import { type CodegenRunDetail, judgeGeneration } from '../judge/codegen.ts';
import { judgeTestOutputs } from '../judge/test-output.ts';
import { codeGenerationSample } from '../lcb/index.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { type GradeOutcome, type Grading, GradingInfrastructureError } from './grading.ts';

/** the longest stderr a journal row keeps, in characters (the drill-down shows less) */
export const STDERR_JOURNAL_CHARS = 16_000;

/** A run's stderr as the journal keeps it: cut at `STDERR_JOURNAL_CHARS`, saying how much was left out. */
export function journalStderr(stderr: string): string {
  if (stderr.length <= STDERR_JOURNAL_CHARS) return stderr;
  const left = stderr.length - STDERR_JOURNAL_CHARS;
  return `${stderr.slice(0, STDERR_JOURNAL_CHARS)}\n… [${left} more characters of stderr not kept]`;
}

/** Each entry of a generation's result list with the seconds the driver measured for its test, in ms. */
export function testDetails(results: readonly TestResult[], detail: CodegenRunDetail): TestDetail[] {
  return results.map((result, i) => {
    const seconds = detail.testSeconds[i];
    return { result, wall_ms: seconds === undefined ? null : seconds * 1000, cpu_ms: null };
  });
}

/** A batch-graded outcome (test output, code execution): one boolean verdict, no run detail of its own. */
function batchOutcome(passed: boolean, ms: number, skipped = false): GradeOutcome {
  return { passed, results: [passed], metadata: null, skipped, stderr: '', tests: [], ms };
}

/** Grading through `sandbox` with the run's grading settings. */
export function createJudgeGrading(sandbox: Sandbox, settings: RunGrading): Grading {
  const options = { mode: settings.mode, timeoutSeconds: settings.timeout_s };
  return {
    extractCode: (output, style) => extractCode(output, style, settings.mode) ?? '',
    extractTestOutput: (output, style) => extractTestOutputCode(output, style),
    extractExecution: (output, _style, cot) => extractExecutionCode(output, cot, settings.mode),
    async codeGeneration(problem: CodeGenerationProblem, code: string): Promise<GradeOutcome> {
      const sample = codeGenerationSample(problem);
      const started = Date.now();
      const outcome = await judgeGeneration(
        sandbox,
        { fnName: sample.fn_name, inputs: sample.inputs, outputs: sample.outputs },
        code,
        options,
      );
      if (outcome.kind === 'infrastructure-error') throw new GradingInfrastructureError(outcome.message);
      const { results, metadata } = outcome.verdict;
      return {
        passed: generationCorrect(results),
        results,
        metadata: metadataJson(metadata),
        skipped: false,
        stderr: journalStderr(outcome.detail.stderr),
        tests: testDetails(results, outcome.detail),
        ms: Date.now() - started,
      };
    },
    async testOutputs(problem, predictions) {
      const started = Date.now();
      const expectedOutput = problem.test[0]!.output;
      const outcome = await judgeTestOutputs(
        sandbox,
        predictions.map((prediction) => ({ prediction, expectedOutput })),
        options,
      );
      if (outcome.kind === 'infrastructure-error') throw new GradingInfrastructureError(outcome.message);
      const ms = (Date.now() - started) / Math.max(1, predictions.length);
      return outcome.verdict.map((passed) => batchOutcome(passed, ms));
    },
    async codeExecutions(problem, predictions) {
      const started = Date.now();
      const outcome = await judgeExecutionPredictions(sandbox, problem, predictions, options);
      if (outcome.kind === 'infrastructure-error') throw new GradingInfrastructureError(outcome.message);
      const ms = (Date.now() - started) / Math.max(1, predictions.length);
      // a skipped prediction (LCB drops it: it contains the call) is journaled as such; the sample's result
      // list is built from the journal by grade's executionResultList
      return outcome.verdict.map((verdict) =>
        verdict === 'skipped' ? batchOutcome(false, ms, true) : batchOutcome(verdict, ms),
      );
    },
    close: () => sandbox.close(),
  };
}

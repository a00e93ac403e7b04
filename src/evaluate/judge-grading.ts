/**
 * The evaluator's `Grading` over the graders' API: LCB extraction from `grade/extract.ts`, verdicts through
 * the sandbox from `judge/`. Metadata is stored as LCB stores it in `_eval_all.json`: Python's
 * `json.dumps` of the metadata dict (`", "`/`": "` separators, ASCII-only escapes, float repr).
 */
import type { CodeGenerationProblem } from '../contracts/lcb-problem.ts';
import type { RunGrading } from '../contracts/run.ts';
import { isSkippedPrediction } from '../grade/code-execution.ts';
import { extractCode, extractExecutionCode, extractTestOutputCode } from '../grade/extract.ts';
import { generationCorrect } from '../grade/pass-at-k.ts';
import { metadataJson } from '../grade/result-files.ts';
import { judgeCodeExecution } from '../judge/code-execution.ts';
import { judgeGeneration } from '../judge/codegen.ts';
import { judgeTestOutputs } from '../judge/test-output.ts';
import { codeGenerationSample } from '../lcb/index.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { type GradeOutcome, type Grading, GradingInfrastructureError } from './grading.ts';

/** The fields a batch-graded outcome (test output, code execution) shares. */
const BATCH_ROW: GradeOutcome = {
  passed: false,
  results: [false],
  metadata: null,
  skipped: false,
  stderr: '',
  tests: [],
  ms: 0,
};

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
        stderr: '',
        tests: results.map((result) => ({ result, wall_ms: null, cpu_ms: null })),
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
      return outcome.verdict.map((passed) => ({ ...BATCH_ROW, passed, results: [passed], ms }));
    },
    async codeExecutions(problem, predictions) {
      const started = Date.now();
      const outcome = await judgeCodeExecution(sandbox, problem, predictions, options);
      if (outcome.kind === 'infrastructure-error') throw new GradingInfrastructureError(outcome.message);
      const ms = (Date.now() - started) / Math.max(1, predictions.length);
      if (settings.mode === 'fixed') {
        return outcome.verdict.map((passed) => ({ ...BATCH_ROW, passed, results: [passed], ms }));
      }
      // LCB drops a prediction that contains the call (the problem's n shrinks): the verdicts are those
      // of the kept predictions, in order
      let next = 0;
      return predictions.map((prediction) => {
        if (isSkippedPrediction(problem.input, prediction)) return { ...BATCH_ROW, skipped: true, ms };
        const passed = outcome.verdict[next] === true;
        next += 1;
        return { ...BATCH_ROW, passed, results: [passed], ms };
      });
    },
    close: () => sandbox.close(),
  };
}

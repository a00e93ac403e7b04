/**
 * What the evaluator needs from the graders (`grade/` and `judge/`), per scenario: LCB's extraction for the
 * prompt style, and the grading of one extracted answer through the sandbox. `judge-grading.ts` implements it
 * over the grader engineer's API; nothing else in `evaluate/` knows how a verdict is computed.
 */

import type { TestDetail } from '../contracts/journal.ts';
import type {
  CodeExecutionProblem,
  CodeGenerationProblem,
  TestOutputPredictionProblem,
} from '../contracts/lcb-problem.ts';
import type { PromptStyle } from '../prompts/index.ts';

/** The verdict on one generation. */
export interface GradeOutcome {
  passed: boolean;
  /** LCB's result list for the generation */
  results: (boolean | number)[];
  /** LCB's metadata JSON string (code generation and self-repair) */
  metadata: string | null;
  /** code execution: the prediction contained the call and LCB does not grade it */
  skipped: boolean;
  /** what the program wrote to stderr, truncated */
  stderr: string;
  tests: TestDetail[];
  /** grading time of this generation, ms (a batch's time shared evenly) */
  ms: number;
  /** set when the sandbox failed on this generation: the sample gets an error row, not a verdict */
  infraError?: string;
}

/** The sandbox failed (not the program): the sample is journaled as an infrastructure error. */
export class GradingInfrastructureError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GradingInfrastructureError';
  }
}

/** The outcome of a sample whose grading failed in the sandbox: journaled as an error row, not a verdict. */
export function infrastructureOutcome(message: string): GradeOutcome {
  const none = { passed: false, results: [], metadata: null, skipped: false, stderr: '', tests: [], ms: 0 };
  return { ...none, infraError: message };
}

/** Extraction and grading for every scenario. */
export interface Grading {
  extractCode(output: string, style: PromptStyle): string;
  extractTestOutput(output: string, style: PromptStyle): string;
  extractExecution(output: string, style: PromptStyle, cot: boolean): string;
  codeGeneration(problem: CodeGenerationProblem, code: string, signal?: AbortSignal): Promise<GradeOutcome>;
  /** every prediction of a batch in one sandbox run, as upstream checks them in one process */
  testOutputs(
    problem: TestOutputPredictionProblem,
    predictions: readonly string[],
    signal?: AbortSignal,
  ): Promise<GradeOutcome[]>;
  /** the predictions of one sample together, as upstream's `evaluate_score` takes them */
  codeExecutions(
    problem: CodeExecutionProblem,
    predictions: readonly string[],
    signal?: AbortSignal,
  ): Promise<GradeOutcome[]>;
  close(): Promise<void>;
}

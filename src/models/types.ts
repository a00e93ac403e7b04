/**
 * The one interface every model back-end implements: given a prompt, return n sampled outputs. The evaluator
 * knows nothing else about a model, so an HRM checkpoint back-end plugs in by implementing `Model`.
 */
import type { LcbScenario } from '../contracts/lcb-problem.ts';
import type { SamplingParams } from '../contracts/model.ts';
import type { Prompt, PromptStyle } from '../prompts/index.ts';

/** One generation request: a prompt for one problem of one scenario, and how to sample it. */
export interface GenerationRequest {
  readonly scenario: LcbScenario;
  /** the problem's key in its scenario (`question_id`; `question_id/test_id` for test output prediction) */
  readonly problemId: string;
  /**
   * which samples this request fills: `n` outputs for samples `firstSample .. firstSample + n - 1`
   * (self-repair asks once per code-generation sample)
   */
  readonly firstSample: number;
  readonly prompt: Prompt;
  readonly style: PromptStyle;
  readonly sampling: SamplingParams;
  readonly signal?: AbortSignal;
}

/** The outputs of one request, in sample order; `cached` when they came from the response cache. */
export interface GenerationResult {
  readonly outputs: readonly string[];
  readonly cached: boolean;
  /** wall time of the successful call, ms (0 when cached) */
  readonly latencyMs: number;
  /** attempts made (1 when the first call succeeded; 0 when cached) */
  readonly attempts: number;
}

/** A model back-end. */
export interface Model {
  /** e.g. `openai:gpt-4o@https://api.openai.com/v1`, `oracle`, `replay:FILE` */
  readonly id: string;
  /** whether outputs are model-written (and worth caching) or read from a table */
  readonly kind: 'remote' | 'local' | 'table';
  generate(request: GenerationRequest): Promise<GenerationResult>;
  /** release connections, workers and files */
  close(): Promise<void>;
}

/** The problem key of a test-output-prediction row: LCB keys these rows by `(question_id, test_id)`. */
export function testOutputProblemId(questionId: string, testId: number): string {
  return `${questionId}/${testId}`;
}

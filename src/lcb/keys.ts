/**
 * The key of a problem within its scenario, as LCB's result files and `custom_evaluator` key them:
 * code generation and self-repair by `question_id`, test output prediction by (`question_id`, `test_id`),
 * code execution by `id`. Journals, references and predictions use these strings.
 */
import type {
  CodeExecutionProblem,
  CodeGenerationMeta,
  TestOutputPredictionProblem,
} from '../contracts/lcb-problem.ts';

/** `question_id` of a code-generation (or self-repair) problem. */
export function codeGenerationKey(problem: Pick<CodeGenerationMeta, 'question_id'>): string {
  return problem.question_id;
}

/** `question_id/test_id` of a test-output-prediction row. */
export function testOutputPredictionKey(
  problem: Pick<TestOutputPredictionProblem, 'question_id' | 'test_id'>,
): string {
  return `${problem.question_id}/${problem.test_id}`;
}

/** `id` (`sample_N`) of a code-execution row. */
export function codeExecutionKey(problem: Pick<CodeExecutionProblem, 'id'>): string {
  return problem.id;
}

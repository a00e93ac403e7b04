/**
 * Reference answers kept beside a data set, never inside LCB's records: `references/*.jsonl` next to the
 * scenario folders (the embedded sample has them). Graders check that every reference passes and every
 * wrong variant fails; the evaluator's `oracle` model answers with the references.
 */
import { z } from 'zod';

/** A code-generation problem's reference solution and one deliberately wrong variant. */
export const CodeGenerationReference = z.object({
  question_id: z.string().min(1),
  /** Python source that passes every test (a `class Solution` for LeetCode, a stdin program otherwise) */
  solution: z.string(),
  /** Python source that fails at least one test */
  wrong_solution: z.string(),
  /** what is wrong with `wrong_solution` (e.g. "off by one on the upper bound") */
  wrong_note: z.string(),
});
/** A code-generation reference. */
export type CodeGenerationReference = z.infer<typeof CodeGenerationReference>;

/** The true output of a test-output-prediction row, as a Python literal, and a wrong one. */
export const TestOutputPredictionReference = z.object({
  question_id: z.string().min(1),
  test_id: z.number().int(),
  /** `repr()` of the true return value, e.g. `[1, 2]`, `True`, `'ab'` */
  output: z.string(),
  wrong_output: z.string(),
});
/** A test-output-prediction reference. */
export type TestOutputPredictionReference = z.infer<typeof TestOutputPredictionReference>;

/** The true output of a code-execution row, as a Python literal, and a wrong one. */
export const CodeExecutionReference = z.object({
  id: z.string().min(1),
  output: z.string(),
  wrong_output: z.string(),
});
/** A code-execution reference. */
export type CodeExecutionReference = z.infer<typeof CodeExecutionReference>;

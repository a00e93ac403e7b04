/**
 * One line of an LCB conformance file (`../shared/conformance/README.md`): the inputs of one check and
 * what the official LiveCodeBench code returned for them. One schema per `kind`; `prompt` cases are
 * described by the prompt builders (`src/prompts/conformance.ts`).
 */
import { z } from 'zod';
import { LmStyleSchema } from './lm-style.ts';

/** The kinds the corpus defines, in the order its README lists them. */
export const CONFORMANCE_KINDS = [
  'codegen',
  'extract_code',
  'test_output',
  'extract_test_output',
  'code_execution',
  'code_execution_list',
  'extract_execution',
  'pass_at_k',
  'metrics',
  'prompt',
  'decode_private_tests',
] as const;

/** What every line has: an id and a kind (any string, so a newer corpus reads as "not implemented"). */
export const ConformanceLine = z.looseObject({ id: z.string().min(1), kind: z.string().min(1) });

const testResult = z.union([z.boolean(), z.number().int()]);

/** `codegen`: one generation graded by `evaluate_generations_by_problem`. */
export const CodegenCase = z.object({
  id: z.string(),
  kind: z.literal('codegen'),
  code: z.string(),
  fn_name: z.string().nullable(),
  inputs: z.array(z.string()),
  outputs: z.array(z.string()),
  timeout: z.number().int().positive(),
  expected_results: z.array(testResult),
  expected_metadata: z.record(z.string(), z.union([z.string(), z.number()])),
  timing_sensitive: z.boolean().optional(),
  note: z.string().optional(),
});

/** `extract_code`: `extract_code(model_output, LMStyle)`; `null` is CodeLLaMa's missing return. */
export const ExtractCodeCase = z.object({
  id: z.string(),
  kind: z.literal('extract_code'),
  model_output: z.string(),
  lm_style: LmStyleSchema,
  expected: z.string().nullable(),
});

/** `test_output`: `check_testcase_output(prediction, expected_output)`. */
export const TestOutputCase = z.object({
  id: z.string(),
  kind: z.literal('test_output'),
  prediction: z.string(),
  expected_output: z.string(),
  expected_result: z.boolean(),
});

/** `extract_test_output`: `extract_test_output_code(model_output, LMStyle)`. */
export const ExtractTestOutputCase = z.object({
  id: z.string(),
  kind: z.literal('extract_test_output'),
  model_output: z.string(),
  lm_style: LmStyleSchema,
  expected: z.string(),
});

/** `code_execution`: one prediction through `code_execution_metrics`. */
export const CodeExecutionCase = z.object({
  id: z.string(),
  kind: z.literal('code_execution'),
  code: z.string(),
  input: z.string(),
  output: z.string(),
  prediction: z.string(),
  skipped: z.boolean(),
  expected_result: z.boolean(),
});

/** `code_execution_list`: the per-sample list `evaluate_score` returns for several predictions. */
export const CodeExecutionListCase = z.object({
  id: z.string(),
  kind: z.literal('code_execution_list'),
  code: z.string(),
  input: z.string(),
  output: z.string(),
  predictions: z.array(z.string()),
  expected: z.array(z.boolean()),
});

/** `extract_execution`: `extract_execution_code(model_output, LMStyle, cot)`. */
export const ExtractExecutionCase = z.object({
  id: z.string(),
  kind: z.literal('extract_execution'),
  model_output: z.string(),
  lm_style: LmStyleSchema,
  cot: z.boolean(),
  expected: z.string(),
});

/** `pass_at_k`: `estimate_pass_at_k(n, [c], k)[0]`. */
export const PassAtKCase = z.object({
  id: z.string(),
  kind: z.literal('pass_at_k'),
  n: z.number().int().nonnegative(),
  c: z.number().int().nonnegative(),
  k: z.number().int().positive(),
  expected: z.number(),
});

/** `metrics`: `compute_metrics_from_results(results, k_list)`. */
export const MetricsCase = z.object({
  id: z.string(),
  kind: z.literal('metrics'),
  results: z.record(z.string(), z.array(z.array(testResult))),
  k_list: z.array(z.number().int().positive()),
  expected: z.record(z.string(), z.unknown()),
});

/** `decode_private_tests`: `CodeGenerationProblem.__post_init__` decoding of `private_test_cases`. */
export const DecodePrivateTestsCase = z.object({
  id: z.string(),
  kind: z.literal('decode_private_tests'),
  encoded: z.string(),
  expected_tests: z.array(
    z.object({ input: z.string(), output: z.string(), testtype: z.enum(['stdin', 'functional']) }),
  ),
  note: z.string().optional(),
});

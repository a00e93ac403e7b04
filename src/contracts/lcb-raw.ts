/**
 * Raw rows of the four LiveCodeBench data sets exactly as published (docs/lcb.md §2). Every field of the
 * code-generation jsonl is a string (tests and metadata are JSON text, private tests possibly compressed);
 * the Parquet sets (`test_generation`, `execution-v2`) carry typed columns, which their JSON Lines twins
 * spell as JSON numbers and ISO date strings. Parsing into typed problems lives in `lcb-problem.ts`.
 */
import { z } from 'zod';

/** One line of `code_generation_lite/testN.jsonl` (and of the un-pruned `code_generation/test.jsonl`). */
export const RawCodeGenerationRow = z.object({
  question_title: z.string(),
  question_content: z.string(),
  platform: z.string(),
  question_id: z.string(),
  contest_id: z.string(),
  /** naive ISO datetime text, e.g. `2025-01-11T18:30:00` */
  contest_date: z.string(),
  starter_code: z.string(),
  difficulty: z.string(),
  /** JSON text of `[{input, output, testtype}]` */
  public_test_cases: z.string(),
  /** JSON text of the same list, or base64(zlib(pickle(json text))) */
  private_test_cases: z.string(),
  /** JSON text of an object, `{"func_name": ...}` for LeetCode problems */
  metadata: z.string(),
});
/** A raw code-generation row. */
export type RawCodeGenerationRow = z.infer<typeof RawCodeGenerationRow>;

/**
 * A date column: Parquet `timestamp` arrives as microseconds since the epoch (bigint, read without a zone),
 * JSON Lines spell it as naive ISO text.
 */
const RawDateColumn = z.union([z.string(), z.bigint(), z.date()]);

/** An int64 column: bigint from Parquet, a JSON number (or its decimal text) from JSON Lines. */
const RawIntColumn = z.union([z.bigint(), z.number().int(), z.string().regex(/^-?\d+$/)]);

/** One row of `livecodebench/test_generation` (test output prediction, `test.parquet`). */
export const RawTestOutputPredictionRow = z.object({
  question_title: z.string(),
  question_content: z.string(),
  question_id: z.string(),
  contest_id: z.string(),
  contest_date: RawDateColumn,
  difficulty: z.string(),
  /** JSON text of `[{input, output, testtype}]`; only `test[0]` is used */
  test: z.string(),
  starter_code: z.string(),
  function_name: z.string(),
  test_id: RawIntColumn,
});
/** A raw test-output-prediction row. */
export type RawTestOutputPredictionRow = z.infer<typeof RawTestOutputPredictionRow>;

/** One row of `livecodebench/execution-v2` (code execution, `data/test-*.parquet`). */
export const RawCodeExecutionRow = z.object({
  question_id: RawIntColumn,
  /** `sample_N`; rows are sorted by N */
  id: z.string().regex(/^[^_]*_\d+$/, 'expected "<prefix>_<number>", e.g. "sample_12"'),
  function_name: z.string(),
  code: z.string(),
  /** the call, e.g. `countSeniors(details = ['7868190130M7522'])` */
  input: z.string(),
  /** a Python literal, e.g. `2` */
  output: z.string(),
  numsteps: RawIntColumn,
  problem_id: z.array(RawIntColumn),
  contest_id: z.string(),
  contest_date: RawDateColumn,
  difficulty: z.string(),
});
/** A raw code-execution row. */
export type RawCodeExecutionRow = z.infer<typeof RawCodeExecutionRow>;

/** One line of CRUXEval's `cruxeval.jsonl` (code is `def f(...)`, input the argument text). */
export const RawCruxEvalRow = z.object({
  code: z.string(),
  input: z.string(),
  output: z.string(),
  id: z.string().regex(/^[^_]*_\d+$/, 'expected "<prefix>_<number>", e.g. "sample_12"'),
});
/** A raw CRUXEval row. */
export type RawCruxEvalRow = z.infer<typeof RawCruxEvalRow>;

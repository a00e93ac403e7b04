/**
 * Parsed LiveCodeBench problems, one type per scenario, with LCB's own field names (docs/lcb.md §2).
 * Dates keep LCB's naive ISO text (as `datetime.isoformat()` writes it into result files) and add an exact
 * comparable form, `contest_date_us`: microseconds since 1970-01-01T00:00:00, the naive time read as UTC.
 */
import { z } from 'zod';

/** LCB's scenarios, spelled as its `Scenario` enum values (also the `--scenario` values LCB accepts). */
export const LcbScenario = z.enum(['codegeneration', 'selfrepair', 'testoutputprediction', 'codeexecution']);
/** One of LCB's four scenarios. */
export type LcbScenario = z.infer<typeof LcbScenario>;

/** `Platform` enum of LCB. */
export const Platform = z.enum(['leetcode', 'codeforces', 'atcoder']);
/** A contest platform. */
export type Platform = z.infer<typeof Platform>;

/** `Difficulty` enum of LCB. */
export const Difficulty = z.enum(['easy', 'medium', 'hard']);
/** A problem difficulty. */
export type Difficulty = z.infer<typeof Difficulty>;

/** `TestType` enum of LCB; the grader dispatches on `metadata.func_name`, not on this. */
export const TestType = z.enum(['stdin', 'functional']);
/** A test type. */
export type TestType = z.infer<typeof TestType>;

/**
 * One test. `stdin`: `input` is the whole stdin, `output` the expected stdout. `functional`: `input` is
 * one JSON value per line (one per positional argument), `output` one JSON value.
 */
export const LcbTest = z.object({ input: z.string(), output: z.string(), testtype: TestType });
/** A decoded test case. */
export type LcbTest = z.infer<typeof LcbTest>;

/** Decoded `metadata`: LeetCode rows carry `func_name`; other keys are kept as they are. */
export const LcbMetadata = z.looseObject({ func_name: z.string().optional() });
/** Decoded problem metadata. */
export type LcbMetadata = z.infer<typeof LcbMetadata>;

/** Why a problem is on LCB's ERRATA list (it stays in the set; `--exclude-errata` drops it). */
export const ErrataCategory = z.enum(['multiple_solutions', 'interactive', 'erroneous_tests']);
/** An errata category. */
export type ErrataCategory = z.infer<typeof ErrataCategory>;

/** An ERRATA mark on a problem: the listed id it matched (a `question_id` or a title slug) and why. */
export const ErrataMark = z.object({ id: z.string(), category: ErrataCategory, note: z.string() });
/** An errata mark. */
export type ErrataMark = z.infer<typeof ErrataMark>;

/** Where a row came from: the file (as given by the dataset location) and its 1-based line or row. */
export const RowSource = z.object({ file: z.string(), line: z.number().int().positive() });
/** A row's origin. */
export type RowSource = z.infer<typeof RowSource>;

const NaiveIsoText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/, 'expected datetime.isoformat() text');

/** A code-generation problem without its tests: what filters, listings and indexes need. */
export const CodeGenerationMeta = z.object({
  question_title: z.string(),
  question_content: z.string(),
  platform: Platform,
  question_id: z.string().min(1),
  contest_id: z.string(),
  contest_date: NaiveIsoText,
  contest_date_us: z.number().int(),
  starter_code: z.string(),
  difficulty: Difficulty,
  metadata: LcbMetadata,
  errata: ErrataMark.nullable(),
  source: RowSource,
});
/** A code-generation problem's metadata (no tests). */
export type CodeGenerationMeta = z.infer<typeof CodeGenerationMeta>;

/** A code-generation (and self-repair) problem with its decoded tests, public first as LCB orders them. */
export const CodeGenerationProblem = CodeGenerationMeta.extend({
  public_test_cases: z.array(LcbTest),
  private_test_cases: z.array(LcbTest),
});
/** A code-generation problem. */
export type CodeGenerationProblem = z.infer<typeof CodeGenerationProblem>;

/** A test-output-prediction problem (`livecodebench/test_generation`): one row per (question_id, test_id). */
export const TestOutputPredictionProblem = z.object({
  question_title: z.string(),
  question_content: z.string(),
  question_id: z.string().min(1),
  contest_id: z.string(),
  contest_date: NaiveIsoText,
  contest_date_us: z.number().int(),
  difficulty: Difficulty,
  /** decoded `test`; only `test[0]` is asked and graded */
  test: z.array(LcbTest).min(1),
  starter_code: z.string(),
  function_name: z.string(),
  test_id: z.number().int(),
  errata: ErrataMark.nullable(),
  source: RowSource,
});
/** A test-output-prediction problem. */
export type TestOutputPredictionProblem = z.infer<typeof TestOutputPredictionProblem>;

/**
 * A code-execution problem (`livecodebench/execution-v2`, or CRUXEval adapted with `input := "f(" + input + ")"`).
 * CRUXEval rows have no contest, date, difficulty, question id or step count: those are `null` there.
 */
export const CodeExecutionProblem = z.object({
  question_id: z.number().int().nullable(),
  /** `sample_N`, LCB's key for this scenario */
  id: z.string(),
  function_name: z.string(),
  code: z.string(),
  /** the call to evaluate, e.g. `f([1, 2])` */
  input: z.string(),
  /** the true output as a Python literal */
  output: z.string(),
  numsteps: z.number().int().nullable(),
  problem_id: z.array(z.number().int()),
  contest_id: z.string().nullable(),
  contest_date: NaiveIsoText.nullable(),
  contest_date_us: z.number().int().nullable(),
  difficulty: Difficulty.nullable(),
  source: RowSource,
});
/** A code-execution problem. */
export type CodeExecutionProblem = z.infer<typeof CodeExecutionProblem>;

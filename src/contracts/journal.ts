/**
 * The rows of an evaluation run's append-only journal (`RUN_DIR/journal.jsonl`) and of its problem table
 * (`RUN_DIR/problems.jsonl`). One journal row per (scenario, problem, sample): the model's raw output, the
 * extracted answer, and either a verdict (LCB's result list and metadata) or an infrastructure error that
 * `--retry-errors` redoes. Reports are rebuilt from these two files alone.
 */
import { z } from 'zod';
import { Difficulty, LcbScenario, Platform } from './lcb-problem.ts';

/** One entry of LCB's per-generation result list: `true`/`false`, or an error code (-1 … -5). */
export const LcbTestResult = z.union([z.boolean(), z.number().int()]);

/** Where an infrastructure error happened and what it was (never a verdict on the model). */
export const JournalError = z.object({
  stage: z.enum(['generate', 'grade']),
  /** a `ModelErrorKind`, or `sandbox` for a failed sandbox run */
  kind: z.string(),
  message: z.string(),
});
/** An infrastructure error. */
export type JournalError = z.infer<typeof JournalError>;

/** One test's run, for the report's drill-down (code generation only). */
export const TestDetail = z.object({
  /** LCB's result entry for this test */
  result: LcbTestResult,
  wall_ms: z.number().nonnegative().nullable(),
  cpu_ms: z.number().nonnegative().nullable(),
});
/** A test's detail. */
export type TestDetail = z.infer<typeof TestDetail>;

/** One graded (or failed) sample. */
export const JournalRow = z.object({
  scenario: LcbScenario,
  problem_id: z.string().min(1),
  sample: z.number().int().nonnegative(),
  status: z.enum(['graded', 'error']),
  /** the model's raw output (`output_list[i]`); `""` when generation failed */
  output: z.string(),
  /** the extracted code or prediction (`code_list[i]` / `pred_list[i]`) */
  extracted: z.string(),
  passed: z.boolean(),
  /** LCB's result list for this generation (`results[task][i]`) */
  results: z.array(LcbTestResult),
  /** LCB's metadata JSON string (code generation and self-repair), else null */
  metadata: z.string().nullable(),
  /** code execution: the prediction contained the call, so LCB does not grade it (docs/lcb.md §11.3) */
  skipped: z.boolean().default(false),
  error: JournalError.nullable().default(null),
  /** outputs came from the response cache */
  cached: z.boolean().default(false),
  generate_ms: z.number().nonnegative(),
  grade_ms: z.number().nonnegative(),
  /** self-repair: the code-generation code this sample repairs (`original_code_list[i]`), else null */
  original_code: z.string().nullable().default(null),
  /** self-repair: the prompt of this sample (each repairs a different generation), else null */
  prompt: z.string().nullable().default(null),
  /** what the program wrote to stderr (truncated), for the drill-down */
  stderr: z.string().default(''),
  tests: z.array(TestDetail).default([]),
});
/** A journal row. */
export type JournalRow = z.output<typeof JournalRow>;

/** One problem of the run with what reports need: LCB's output fields, the prompt and the date. */
export const ProblemRow = z.object({
  scenario: LcbScenario,
  problem_id: z.string().min(1),
  /** the generation count planned for this problem (self-repair: the code-generation sample count) */
  samples: z.number().int().nonnegative(),
  difficulty: Difficulty.nullable(),
  platform: Platform.nullable(),
  /** naive ISO datetime, null for data without dates (CRUXEval) */
  contest_date: z.string().nullable(),
  title: z.string(),
  /** the prompt as text (chat messages under `[role]` lines), for the drill-down */
  prompt: z.string(),
  /** estimated grading cost (tests × time limit), for longest-first scheduling */
  cost: z.number().nonnegative(),
  /** LCB's per-problem output fields (docs/lcb.md §8.1), in LCB's key order */
  record: z.record(z.string(), z.unknown()),
});
/** A problem row. */
export type ProblemRow = z.output<typeof ProblemRow>;

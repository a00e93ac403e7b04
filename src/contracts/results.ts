/**
 * LCB's result files as hrm-lcb reads them (docs/lcb.md §8, §12): `_eval_all.json` rows (what
 * `compute_scores` needs; other fields pass through) and the prediction files `custom_evaluator` accepts.
 */
import { z } from 'zod';

/** One `_eval_all.json` row, as far as scores read it. */
export const EvalAllRow = z.looseObject({
  contest_date: z.string(),
  platform: z.string().optional(),
  difficulty: z.string().optional(),
  graded_list: z.array(z.boolean()),
  'pass@1': z.number(),
});
/** An `_eval_all.json` row. */
export type EvalAllRow = z.infer<typeof EvalAllRow>;

/** `custom_evaluator` codegen / self-repair entry: the extracted code of each sample. */
export const CodeListEntry = z.looseObject({
  question_id: z.union([z.string(), z.number()]),
  code_list: z.array(z.string()),
});

/** `custom_evaluator` test-output-prediction entry. */
export const TestOutputPredEntry = z.looseObject({
  question_id: z.union([z.string(), z.number()]),
  test_id: z.union([z.number().int(), z.string()]),
  pred_list: z.array(z.string()),
});

/** `custom_evaluator` code-execution entry (upstream reads it with `x.id` and crashes; we read `id`). */
export const ExecutionPredEntry = z.looseObject({
  id: z.string(),
  pred_list: z.array(z.string()),
});

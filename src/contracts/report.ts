/**
 * What a run's journal says per problem, the unit every report is computed from: LCB's n (generations that
 * count) and c (correct ones), infrastructure errors, and grading time. `evaluate/` folds journals into these;
 * `report/` turns them into pass@k tables.
 */
import { z } from 'zod';

/** One problem's outcome so far. */
export const ProblemOutcome = z.object({
  /** generations that count (graded samples; code execution drops skipped predictions, LCB §11.3) */
  n: z.number().int().nonnegative(),
  /** correct generations among them */
  c: z.number().int().nonnegative(),
  /** samples that ended in an infrastructure error (no verdict) */
  errors: z.number().int().nonnegative(),
  /** samples journaled, graded or not */
  journaled: z.number().int().nonnegative(),
  /** summed grading time, ms */
  gradeMs: z.number().nonnegative(),
});
/** A problem's outcome. */
export type ProblemOutcome = z.infer<typeof ProblemOutcome>;

/** The key of a problem in outcome maps: scenario and problem id. */
export function outcomeKey(scenario: string, problemId: string): string {
  return `${scenario}\u0000${problemId}`;
}

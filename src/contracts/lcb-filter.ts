/**
 * Which problems to load: the selection flags shared by `data`, `grade` and `evaluate`, in LCB's own
 * words. Semantics (docs/data.md): dates are inclusive bounds at midnight; platform and difficulty are
 * sets (empty = all); `release_version` selects code-generation files; errata are kept unless excluded;
 * the subset is a seeded sample of `subset_size` problems per scenario, stratified by difficulty.
 */
import { z } from 'zod';
import { Difficulty, Platform } from './lcb-problem.ts';

const DateBound = z.string().regex(/^\d{4}-\d{1,2}-\d{1,2}$/, 'expected a date YYYY-MM-DD');

/** A problem selection; every field optional with LCB's defaults. */
export const LcbFilter = z.object({
  release_version: z.string().default('release_latest'),
  start_date: DateBound.optional(),
  end_date: DateBound.optional(),
  platform: z.array(Platform).default([]),
  difficulty: z.array(Difficulty).default([]),
  question_ids: z.array(z.string().min(1)).default([]),
  exclude_errata: z.boolean().default(false),
  subset_size: z.number().int().positive().optional(),
  subset_seed: z.number().int().nonnegative().default(0),
});
/** A resolved problem selection. */
export type LcbFilter = z.output<typeof LcbFilter>;
/** A problem selection as callers write it (defaults filled in by `LcbFilter.parse`). */
export type LcbFilterInput = z.input<typeof LcbFilter>;

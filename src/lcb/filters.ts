/**
 * Problem selection with LCB's semantics. Dates: `start_date <= contest_date <= end_date` with both
 * bounds at midnight (`strptime("%Y-%m-%d")`), so `--end-date 2025-01-11` excludes a problem dated
 * `2025-01-11T18:30:00` (docs/lcb.md §7.4–7.5). Platform: exact match (compute_scores). Errata: kept and
 * marked unless excluded. Subset: seeded and stratified by difficulty (per scenario), applied last.
 */

import { LcbFilter, type LcbFilterInput } from '../contracts/lcb-filter.ts';
import type { Difficulty, ErrataMark, Platform } from '../contracts/lcb-problem.ts';
import { UserError } from '../core/errors.ts';
import { issuePath } from '../core/zod-issues.ts';
import { parseDateBound } from './dates.ts';
import { stratifiedSubsample } from './subsample.ts';
import { isReleaseVersion, releaseVersionTags } from './versions.ts';

/** What a filter looks at in a problem of any scenario (`null` where a source has no such field). */
export interface FilterView {
  /** ids `--question-ids` may name (question_id, and `id` for code execution) */
  ids: readonly string[];
  /** the id that seeds subsampling and breaks ties */
  key: string;
  contest_date_us: number | null;
  platform: Platform | null;
  difficulty: Difficulty | null;
  errata: ErrataMark | null;
}

/** A validated filter with its date bounds in microseconds. */
export interface CompiledFilter extends LcbFilter {
  start_us: number | undefined;
  end_us: number | undefined;
}

function bound(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const us = parseDateBound(text);
  if (us === undefined)
    throw new UserError(`--${flag}: not a calendar date: ${JSON.stringify(text)} (expected YYYY-MM-DD)`);
  return us;
}

/** Validate a filter (defaults filled in); a `UserError` names the bad setting. */
export function compileFilter(input: LcbFilterInput = {}): CompiledFilter {
  const parsed = LcbFilter.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`invalid problem filter: ${issuePath(issue.path)}: ${issue.message}`);
  }
  const filter = parsed.data;
  if (!isReleaseVersion(filter.release_version)) {
    throw new UserError(`--release-version: unknown version tag ${JSON.stringify(filter.release_version)}`, {
      hint: `known tags: ${releaseVersionTags().slice(0, 8).join(', ')}, v1_v2 … v5_v6`,
    });
  }
  const start_us = bound(filter.start_date, 'start-date');
  const end_us = bound(filter.end_date, 'end-date');
  if (start_us !== undefined && end_us !== undefined && start_us > end_us) {
    throw new UserError(`--start-date ${filter.start_date} is after --end-date ${filter.end_date}`);
  }
  return { ...filter, start_us, end_us };
}

/** Whether a contest date lies in the window (inclusive, bounds at midnight). No date: only without a window. */
export function inDateWindow(
  us: number | null,
  filter: Pick<CompiledFilter, 'start_us' | 'end_us'>,
): boolean {
  if (filter.start_us === undefined && filter.end_us === undefined) return true;
  if (us === null) return false;
  if (filter.start_us !== undefined && us < filter.start_us) return false;
  if (filter.end_us !== undefined && us > filter.end_us) return false;
  return true;
}

/** Whether a problem passes every filter but the subset. */
export function matchesFilter(view: FilterView, filter: CompiledFilter): boolean {
  if (!inDateWindow(view.contest_date_us, filter)) return false;
  if (filter.platform.length > 0 && (view.platform === null || !filter.platform.includes(view.platform)))
    return false;
  if (
    filter.difficulty.length > 0 &&
    (view.difficulty === null || !filter.difficulty.includes(view.difficulty))
  ) {
    return false;
  }
  if (filter.question_ids.length > 0 && !view.ids.some((id) => filter.question_ids.includes(id)))
    return false;
  if (filter.exclude_errata && view.errata !== null) return false;
  return true;
}

/** The outcome of selecting: kept problems in input order, and requested ids that matched nothing. */
export interface Selection<T> {
  problems: T[];
  unmatched_question_ids: string[];
}

/** Apply a filter to problems of one scenario, then its stratified subset; keeps the input order. */
export function selectProblems<T>(
  problems: readonly T[],
  filter: CompiledFilter,
  view: (problem: T) => FilterView,
): Selection<T> {
  const kept = problems.filter((problem) => matchesFilter(view(problem), filter));
  const seen = new Set(problems.flatMap((problem) => view(problem).ids));
  const unmatched_question_ids = filter.question_ids.filter((id) => !seen.has(id));
  if (filter.subset_size === undefined) return { problems: kept, unmatched_question_ids };
  const subset = stratifiedSubsample(kept, {
    size: filter.subset_size,
    seed: filter.subset_seed,
    id: (problem) => view(problem).key,
    stratum: (problem) => view(problem).difficulty ?? 'none',
  });
  return { problems: subset, unmatched_question_ids };
}

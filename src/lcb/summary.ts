/**
 * Counts of selected problems by scenario × difficulty × platform × month, the breakdown `hrm-lcb data info`
 * prints. Problems without a field (CRUXEval has no date, difficulty or platform) count under `none`.
 */
import type { Difficulty, LcbScenario, Platform } from '../contracts/lcb-problem.ts';
import { monthOf } from './dates.ts';

/** The label used for a missing difficulty, platform or date. */
export const NONE = 'none';

/** What the breakdown needs from a problem of any scenario. */
export interface SummaryItem {
  difficulty: Difficulty | null;
  platform: Platform | null;
  contest_date_us: number | null;
}

/** `counts[scenario][difficulty][platform][month]` = number of problems. */
export type Breakdown = Record<string, Record<string, Record<string, Record<string, number>>>>;

/** Totals of one scenario along each axis. */
export interface ScenarioTotals {
  total: number;
  by_difficulty: Record<string, number>;
  by_platform: Record<string, number>;
  by_month: Record<string, number>;
}

function bump(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const ORDER = ['easy', 'medium', 'hard', 'leetcode', 'codeforces', 'atcoder', NONE];

function byOrder(a: string, b: string): number {
  return ORDER.indexOf(a) - ORDER.indexOf(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function sortedBreakdown(counts: Breakdown[string]): Breakdown[string] {
  const out: Breakdown[string] = {};
  for (const difficulty of Object.keys(counts).sort(byOrder)) {
    out[difficulty] = {};
    for (const platform of Object.keys(counts[difficulty]!).sort(byOrder)) {
      out[difficulty][platform] = sortedRecord(counts[difficulty]![platform]!);
    }
  }
  return out;
}

/** The month (`YYYY-MM`) of a problem, or `none`. */
export function monthLabel(us: number | null): string {
  return us === null ? NONE : monthOf(us);
}

/** Add one scenario's problems to a breakdown; returns that scenario's totals. */
export function addToBreakdown(
  breakdown: Breakdown,
  scenario: LcbScenario,
  items: readonly SummaryItem[],
): ScenarioTotals {
  const byScenario: Breakdown[string] = {};
  const totals: ScenarioTotals = { total: 0, by_difficulty: {}, by_platform: {}, by_month: {} };
  for (const item of items) {
    const difficulty = item.difficulty ?? NONE;
    const platform = item.platform ?? NONE;
    const month = monthLabel(item.contest_date_us);
    byScenario[difficulty] ??= {};
    byScenario[difficulty][platform] ??= {};
    bump(byScenario[difficulty][platform], month);
    totals.total += 1;
    bump(totals.by_difficulty, difficulty);
    bump(totals.by_platform, platform);
    bump(totals.by_month, month);
  }
  breakdown[scenario] = sortedBreakdown(byScenario);
  return {
    total: totals.total,
    by_difficulty: Object.fromEntries(Object.entries(totals.by_difficulty).sort(([a], [b]) => byOrder(a, b))),
    by_platform: Object.fromEntries(Object.entries(totals.by_platform).sort(([a], [b]) => byOrder(a, b))),
    by_month: sortedRecord(totals.by_month),
  };
}

/**
 * The numbers every reporter shows, computed once from the run's problems and per-problem outcomes: pass@k
 * per scenario overall, per difficulty, per platform and per month of contest date (LCB's `compute_scores`
 * slices, docs/lcb.md §7), and each scenario's pass@k curve. pass@k is LCB's unbiased estimator averaged over
 * problems (`grade/pass-at-k.ts`), reported for a k only when every problem of the slice has n ≥ k.
 */
import type { ProblemRow } from '../contracts/journal.ts';
import type { LcbScenario } from '../contracts/lcb-problem.ts';
import { outcomeKey, type ProblemOutcome } from '../contracts/report.ts';
import { CODEGEN_K_LIST, numpyMean, passAtK, TEST_OUTPUT_K_LIST } from '../grade/pass-at-k.ts';

export type { ProblemOutcome };

/** The scores of one slice of problems. */
export interface SliceScore {
  /** the slice's label: `all`, a difficulty, a platform or a month `YYYY-MM` */
  label: string;
  /** problems with at least one counted generation */
  problems: number;
  /** counted generations */
  samples: number;
  /** `pass@k` → fraction, for the k LCB reports where every problem has n ≥ k */
  passAt: Record<string, number>;
  errors: number;
}

/** One scenario's tables and curve. */
export interface ScenarioSummary {
  scenario: LcbScenario;
  /** problems planned for the scenario (including ones with no verdict yet) */
  planned: number;
  overall: SliceScore;
  byDifficulty: SliceScore[];
  byPlatform: SliceScore[];
  byMonth: SliceScore[];
  /** pass@k for k = 1 .. min n */
  curve: { k: number; value: number }[];
}

/** Everything reporters show besides per-problem rows. */
export interface RunSummary {
  scenarios: ScenarioSummary[];
  /** planned samples with no journal row yet */
  missing: number;
  errors: number;
}

/** The k values LCB reports for a scenario (`runner/scenario_router.py`, `compute_code_execution_metrics`). */
export function kListOf(scenario: LcbScenario): readonly number[] {
  if (scenario === 'testoutputprediction') return TEST_OUTPUT_K_LIST;
  if (scenario === 'codeexecution') return [1];
  return CODEGEN_K_LIST;
}

/** The key of a problem in outcome maps. */
export const problemKey = outcomeKey;

function score(
  label: string,
  rows: readonly ProblemRow[],
  outcomes: ReadonlyMap<string, ProblemOutcome>,
  kList: readonly number[],
): SliceScore {
  const counted = rows
    .map((row) => outcomes.get(problemKey(row.scenario, row.problem_id)))
    .filter((outcome): outcome is ProblemOutcome => outcome !== undefined);
  const scored = counted.filter((outcome) => outcome.n > 0);
  const passAt: Record<string, number> = {};
  if (scored.length > 0) {
    for (const k of kList) {
      if (!scored.every((outcome) => outcome.n >= k)) continue;
      passAt[`pass@${k}`] = numpyMean(scored.map((outcome) => passAtK(outcome.n, outcome.c, k)));
    }
  }
  return {
    label,
    problems: scored.length,
    samples: scored.reduce((sum, outcome) => sum + outcome.n, 0),
    passAt,
    errors: counted.reduce((sum, outcome) => sum + outcome.errors, 0),
  };
}

function groupBy(rows: readonly ProblemRow[], key: (row: ProblemRow) => string): Map<string, ProblemRow[]> {
  const groups = new Map<string, ProblemRow[]>();
  for (const row of rows) {
    const label = key(row);
    const list = groups.get(label);
    if (list === undefined) groups.set(label, [row]);
    else list.push(row);
  }
  return groups;
}

const DIFFICULTY_ORDER = ['easy', 'medium', 'hard', 'n/a'];

/** The summary of one scenario. */
export function summarizeScenario(
  scenario: LcbScenario,
  rows: readonly ProblemRow[],
  outcomes: ReadonlyMap<string, ProblemOutcome>,
): ScenarioSummary {
  const kList = kListOf(scenario);
  const slices = (key: (row: ProblemRow) => string, order: (a: string, b: string) => number): SliceScore[] =>
    [...groupBy(rows, key)]
      .sort(([a], [b]) => order(a, b))
      .map(([label, group]) => score(label, group, outcomes, kList));
  const counted = rows
    .map((row) => outcomes.get(problemKey(row.scenario, row.problem_id)))
    .filter((outcome): outcome is ProblemOutcome => outcome !== undefined && outcome.n > 0);
  const maxK = counted.length === 0 ? 0 : Math.min(...counted.map((outcome) => outcome.n));
  const curve = Array.from({ length: maxK }, (_, i) => ({
    k: i + 1,
    value: numpyMean(counted.map((outcome) => passAtK(outcome.n, outcome.c, i + 1))),
  }));
  return {
    scenario,
    planned: rows.length,
    overall: score('all', rows, outcomes, kList),
    byDifficulty: slices(
      (row) => row.difficulty ?? 'n/a',
      (a, b) => DIFFICULTY_ORDER.indexOf(a) - DIFFICULTY_ORDER.indexOf(b),
    ),
    byPlatform: rows.some((row) => row.platform !== null)
      ? slices(
          (row) => row.platform ?? 'n/a',
          (a, b) => (a < b ? -1 : a > b ? 1 : 0),
        )
      : [],
    byMonth: slices(
      (row) => row.contest_date?.slice(0, 7) ?? 'undated',
      (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    ),
    curve,
  };
}

/** The summary of a run, scenarios in LCB's order. */
export function summarize(
  problems: readonly ProblemRow[],
  outcomes: ReadonlyMap<string, ProblemOutcome>,
): RunSummary {
  const order: LcbScenario[] = ['codegeneration', 'selfrepair', 'testoutputprediction', 'codeexecution'];
  const scenarios = order
    .map((scenario) => problems.filter((row) => row.scenario === scenario))
    .filter((rows) => rows.length > 0)
    .map((rows) => summarizeScenario(rows[0]!.scenario, rows, outcomes));
  let missing = 0;
  let errors = 0;
  for (const row of problems) {
    const outcome = outcomes.get(problemKey(row.scenario, row.problem_id));
    missing += Math.max(0, row.samples - (outcome?.journaled ?? 0));
    errors += outcome?.errors ?? 0;
  }
  return { scenarios, missing, errors };
}

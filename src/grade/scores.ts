/**
 * `lcb_runner/evaluation/compute_scores.py`: re-aggregate an `_eval_all.json` (already filtered by date
 * window and platform): pass@k for k in 1, 5, 10, 25, 50, 100, 150, 200, overall and per difficulty,
 * with no `n >= k` guard (a problem with fewer samples counts 1.0), then the mean of the stored
 * per-problem `pass@1`, overall and per difficulty.
 */
import type { Difficulty } from '../contracts/lcb-problem.ts';
import { numpyMean, passAtK } from './pass-at-k.ts';

/** The `k` values `compute_scores` prints. */
export const SCORE_K_LIST = [1, 5, 10, 25, 50, 100, 150, 200] as const;

/** The fields of an `_eval_all.json` row that scores read. */
export interface ScoredRow {
  difficulty?: string | undefined;
  graded_list: boolean[];
  'pass@1': number;
}

/** One `Pass@k` line group: overall and per difficulty (`NaN` for an empty group, as numpy prints). */
export interface PassAtKScores {
  k: number;
  all: number;
  easy: number;
  medium: number;
  hard: number;
}

/** Everything `compute_scores` prints. */
export interface Scores {
  count: number;
  passAtK: PassAtKScores[];
  /** mean stored pass@1; null when no problem is left (upstream divides by zero) */
  pass1: number | null;
  /** per difficulty, only for difficulties with problems (upstream skips the others) */
  pass1ByDifficulty: Partial<Record<Difficulty, number>>;
}

function estimateMean(rows: readonly ScoredRow[], k: number): number {
  return numpyMean(
    rows.map((row) => passAtK(row.graded_list.length, row.graded_list.filter((g) => g).length, k)),
  );
}

/** Python `sum(values) / len(values)`: left-to-right float addition. */
function pythonMean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** `compute_scores` over rows already filtered by window and platform. */
export function computeScores(rows: readonly ScoredRow[]): Scores {
  const of = (difficulty: Difficulty) => rows.filter((row) => row.difficulty === difficulty);
  const groups = { easy: of('easy'), medium: of('medium'), hard: of('hard') };
  const passAtKScores = SCORE_K_LIST.map((k) => ({
    k,
    all: estimateMean(rows, k),
    easy: estimateMean(groups.easy, k),
    medium: estimateMean(groups.medium, k),
    hard: estimateMean(groups.hard, k),
  }));
  const pass1ByDifficulty: Partial<Record<Difficulty, number>> = {};
  for (const difficulty of ['easy', 'medium', 'hard'] as const) {
    const group = groups[difficulty];
    if (group.length > 0) pass1ByDifficulty[difficulty] = pythonMean(group.map((row) => row['pass@1']));
  }
  return {
    count: rows.length,
    passAtK: passAtKScores,
    pass1: rows.length === 0 ? null : pythonMean(rows.map((row) => row['pass@1'])),
    pass1ByDifficulty,
  };
}

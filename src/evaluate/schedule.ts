/**
 * Longest-first scheduling: units of work (one scenario × problem) start in decreasing order of estimated
 * grading cost, so the slow problems are not left for the end of the run where they would be the tail
 * everyone waits on (LPT: the makespan is within 4/3 of optimal). Cost is measured when a previous run of
 * the same problem recorded grading times (a resumed or repeated run), estimated from the tests otherwise.
 */

/** What the scheduler knows about a unit of work. */
export interface Schedulable {
  readonly scenario: string;
  readonly problemId: string;
  /** estimated grading cost (measured ms, or a difficulty weight) */
  readonly cost: number;
}

/** relative grading cost by difficulty when nothing was measured: hard problems have more and bigger tests */
export const DIFFICULTY_COST: Readonly<Record<string, number>> = { easy: 1, medium: 2, hard: 4 };

/**
 * Estimated cost of grading a problem: the grading time a previous run measured for it (ms, summed over its
 * samples) when there is one, else its difficulty's weight scaled to the same order of magnitude.
 */
export function estimateCost(difficulty: string | null, measuredMs: number | undefined): number {
  if (measuredMs !== undefined && measuredMs > 0) return measuredMs;
  return (DIFFICULTY_COST[difficulty ?? ''] ?? 1) * 1_000;
}

function keyOf(unit: Schedulable): string {
  return `${unit.scenario}\u0000${unit.problemId}`;
}

/** Units sorted longest first; equal costs keep (scenario, problem) order, so the schedule is deterministic. */
export function longestFirst<T extends Schedulable>(units: readonly T[]): T[] {
  return [...units].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return b.cost - a.cost || (ka < kb ? -1 : ka > kb ? 1 : 0);
  });
}

/**
 * The CSV reporter: `summary.csv` (one row per scenario × slice: overall, difficulty, platform, month) and
 * `problems.csv` (one row per problem: n, c, pass@1, errors, grading time), RFC 4180 quoting.
 */
import { join } from 'node:path';
import { writeAtomicStream } from './atomic-stream.ts';
import { kColumns } from './format.ts';
import { problemKey } from './summary.ts';
import type { Reporter } from './types.ts';

/** One CSV field, quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(values: (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Writes summary.csv and problems.csv into the run directory. */
export const csvReporter: Reporter = {
  name: 'csv',
  description: 'summary.csv (scenario × slice) and problems.csv (one row per problem)',
  async write(input) {
    const summaryFile = join(input.runDir, 'summary.csv');
    const problemsFile = join(input.runDir, 'problems.csv');
    const slices = input.summary.scenarios.flatMap((s) => [
      s.overall,
      ...s.byDifficulty,
      ...s.byPlatform,
      ...s.byMonth,
    ]);
    const ks = kColumns(slices);
    await writeAtomicStream(summaryFile, async (write) => {
      await write(csvLine(['scenario', 'slice_kind', 'slice', 'problems', 'samples', 'errors', ...ks]));
      for (const scenario of input.summary.scenarios) {
        const groups: [string, typeof scenario.byMonth][] = [
          ['overall', [scenario.overall]],
          ['difficulty', scenario.byDifficulty],
          ['platform', scenario.byPlatform],
          ['month', scenario.byMonth],
        ];
        for (const [kind, group] of groups) {
          for (const slice of group) {
            await write(
              csvLine([
                scenario.scenario,
                kind,
                slice.label,
                slice.problems,
                slice.samples,
                slice.errors,
                ...ks.map((k) => slice.passAt[k] ?? null),
              ]),
            );
          }
        }
      }
    });
    await writeAtomicStream(problemsFile, async (write) => {
      await write(
        csvLine([
          'scenario',
          'problem_id',
          'title',
          'difficulty',
          'platform',
          'contest_date',
          'n',
          'c',
          'pass@1',
          'errors',
          'grade_ms',
        ]),
      );
      for (const row of input.problems) {
        const outcome = input.outcomes.get(problemKey(row.scenario, row.problem_id));
        const n = outcome?.n ?? 0;
        await write(
          csvLine([
            row.scenario,
            row.problem_id,
            row.title,
            row.difficulty,
            row.platform,
            row.contest_date,
            n,
            outcome?.c ?? 0,
            n > 0 ? (outcome?.c ?? 0) / n : null,
            outcome?.errors ?? 0,
            Math.round(outcome?.gradeMs ?? 0),
          ]),
        );
      }
    });
    return [summaryFile, problemsFile];
  },
};

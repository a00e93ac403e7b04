/** The terminal reporter: per scenario, overall and per difficulty, the pass@k LCB reports, and errors. */
import { kColumns, percent, runHeadline } from './format.ts';
import type { SliceScore } from './summary.ts';
import type { Reporter, ReportInput } from './types.ts';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

function sliceRow(label: string, slice: SliceScore, ks: string[]): string[] {
  return [
    label,
    String(slice.problems),
    String(slice.samples),
    ...ks.map((k) => percent(slice.passAt[k])),
    String(slice.errors),
  ];
}

/** Render the terminal table (exported for tests). */
export function renderTty(input: ReportInput): string {
  const out: string[] = [
    `hrm-lcb: ${runHeadline(input)}`,
    `fingerprint ${input.manifest.fingerprint.slice(0, 12)}`,
  ];
  const slices = input.summary.scenarios.flatMap((s) => [s.overall, ...s.byDifficulty]);
  const ks = kColumns(slices, 3);
  const rows: string[][] = [];
  for (const scenario of input.summary.scenarios) {
    rows.push(sliceRow(scenario.scenario, scenario.overall, ks));
    for (const slice of scenario.byDifficulty) rows.push(sliceRow(`  ${slice.label}`, slice, ks));
  }
  out.push('', table(['scenario', 'problems', 'samples', ...ks, 'errors'], rows));
  const { missing, errors } = input.summary;
  if (missing > 0 || errors > 0) {
    out.push(
      '',
      `incomplete: ${missing} samples not run, ${errors} infrastructure errors (rerun with --resume${errors > 0 ? ' --retry-errors' : ''})`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Prints the table on stdout. */
export const ttyReporter: Reporter = {
  name: 'tty',
  description: 'a table on the terminal: pass@k per scenario and difficulty',
  async write(input) {
    input.stdout.write(renderTty(input));
    return [];
  },
};

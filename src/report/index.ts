/** The reporters, by the name `--reporter` takes. */
import { csvReporter } from './csv.ts';
import { htmlReporter } from './html.ts';
import { jsonReporter } from './json.ts';
import { ttyReporter } from './tty.ts';
import type { Reporter } from './types.ts';

/** `--reporter` name → reporter. */
export const REPORTERS: Readonly<Record<string, Reporter>> = {
  tty: ttyReporter,
  json: jsonReporter,
  csv: csvReporter,
  html: htmlReporter,
};

/** The reporters a run writes when none are named. */
export const DEFAULT_REPORTERS = ['tty', 'json', 'csv', 'html'] as const;

export { type ProblemOutcome, problemKey, type RunSummary, summarize } from './summary.ts';
export type { Reporter, ReportInput } from './types.ts';

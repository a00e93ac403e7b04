/**
 * What reporters receive and what they are. Each reporter (one per file, vitest-style) writes its files from
 * a `ReportInput`, which the evaluator builds from a run directory's `problems.jsonl` and journal; the map of
 * reporters in `index.ts` is the set of `--reporter` values.
 */
import type { JournalRow, ProblemRow } from '../contracts/journal.ts';
import type { RunManifest } from '../contracts/run.ts';
import type { ProblemOutcome, RunSummary } from './summary.ts';

/** A run, ready to report. */
export interface ReportInput {
  runDir: string;
  manifest: RunManifest;
  /** every planned problem, per scenario in LCB's order */
  problems: readonly ProblemRow[];
  /** per `problemKey(scenario, problem_id)` */
  outcomes: ReadonlyMap<string, ProblemOutcome>;
  summary: RunSummary;
  /** the journal rows of one problem, one per sample (the latest), in sample order */
  samples(scenario: string, problemId: string): Promise<JournalRow[]>;
  /** where the terminal reporter prints */
  stdout: NodeJS.WritableStream;
}

/** One output format. */
export interface Reporter {
  readonly name: string;
  readonly description: string;
  /** write the report; returns the files written (empty for the terminal) */
  write(input: ReportInput): Promise<string[]>;
}

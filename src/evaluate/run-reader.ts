/**
 * Read a run directory the way reports need it: the manifest, the problem table, per-problem outcomes
 * (streamed from the journal: n, c, errors, grading time) and random access to a problem's rows by byte
 * offset. Memory holds one small record per problem and one index entry per sample, never the outputs.
 */
import { open } from 'node:fs/promises';
import { type JournalRow, ProblemRow } from '../contracts/journal.ts';
import { outcomeKey, type ProblemOutcome } from '../contracts/report.ts';
import type { RunManifest } from '../contracts/run.ts';
import { InputError } from '../core/errors.ts';
import { readJsonl } from '../core/jsonl.ts';
import { firstIssue } from '../core/zod-issues.ts';
import { readSpan } from '../models/line-offsets.ts';
import { parseJournalLine, readJournal } from './journal.ts';
import { readManifest, runPaths } from './run-dir.ts';

/** Read `problems.jsonl`. */
export async function readProblems(file: string): Promise<ProblemRow[]> {
  const rows: ProblemRow[] = [];
  for await (const { line, value } of readJsonl(file)) {
    const parsed = ProblemRow.safeParse(value);
    if (!parsed.success) {
      const issue = firstIssue(parsed.error);
      throw new InputError(file, issue.message, { line, field: issue.field });
    }
    rows.push(parsed.data);
  }
  return rows;
}

interface Span {
  offset: number;
  length: number;
  line: number;
}

/** Per-sample rows of a journal folded into per-problem outcomes, with the rows' positions. */
export interface JournalDigest {
  outcomes: Map<string, ProblemOutcome>;
  /** per problem key: the latest row of each sample, by sample index */
  spans: Map<string, Map<number, Span>>;
}

/** Fold a journal into per-problem outcomes (LCB's n and c; code execution drops skipped predictions). */
export async function digestJournal(file: string): Promise<JournalDigest> {
  const latest = new Map<
    string,
    Map<number, Span & { row: Pick<JournalRow, 'status' | 'passed' | 'skipped' | 'grade_ms' | 'scenario'> }>
  >();
  try {
    for await (const { row, offset, length, line } of readJournal(file)) {
      const key = outcomeKey(row.scenario, row.problem_id);
      let samples = latest.get(key);
      if (samples === undefined) {
        samples = new Map();
        latest.set(key, samples);
      }
      samples.set(row.sample, {
        offset,
        length,
        line,
        row: {
          status: row.status,
          passed: row.passed,
          skipped: row.skipped,
          grade_ms: row.grade_ms,
          scenario: row.scenario,
        },
      });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const outcomes = new Map<string, ProblemOutcome>();
  const spans = new Map<string, Map<number, Span>>();
  for (const [key, samples] of latest) {
    let graded = 0;
    let counted = 0;
    let correct = 0;
    let errors = 0;
    let gradeMs = 0;
    for (const { row } of samples.values()) {
      gradeMs += row.grade_ms;
      if (row.status === 'error') {
        errors += 1;
        continue;
      }
      graded += 1;
      if (row.skipped) continue;
      counted += 1;
      if (row.passed) correct += 1;
    }
    // code execution (docs/lcb.md §11.3): skipped predictions leave the list; when all are skipped the
    // problem counts as n failures
    const n = counted === 0 && graded > 0 ? graded : counted;
    outcomes.set(key, { n, c: correct, errors, journaled: samples.size, gradeMs });
    spans.set(
      key,
      new Map(
        [...samples].map(([sample, span]) => [
          sample,
          { offset: span.offset, length: span.length, line: span.line },
        ]),
      ),
    );
  }
  return { outcomes, spans };
}

/** A run directory opened for reading; `close` releases the journal handle. */
export interface RunReader {
  runDir: string;
  manifest: RunManifest;
  problems: ProblemRow[];
  outcomes: Map<string, ProblemOutcome>;
  /** the latest row of each sample of a problem, in sample order */
  samples(scenario: string, problemId: string): Promise<JournalRow[]>;
  close(): Promise<void>;
}

/** Open a run directory for reporting. */
export async function openRunReader(runDir: string): Promise<RunReader> {
  const paths = runPaths(runDir);
  const manifest = await readManifest(runDir);
  if (manifest === undefined) {
    throw new InputError(paths.manifest, 'no run manifest here', {
      hint: 'pass the --output-dir of an hrm-lcb evaluate run',
    });
  }
  const problems = await readProblems(paths.problems);
  const { outcomes, spans } = await digestJournal(paths.journal);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  return {
    runDir,
    manifest,
    problems,
    outcomes,
    async samples(scenario, problemId) {
      const bySample = spans.get(outcomeKey(scenario, problemId));
      if (bySample === undefined) return [];
      handle ??= await open(paths.journal, 'r');
      const rows: JournalRow[] = [];
      for (const sample of [...bySample.keys()].sort((a, b) => a - b)) {
        const span = bySample.get(sample)!;
        rows.push(
          parseJournalLine(paths.journal, span.line, await readSpan(handle, span.offset, span.length)),
        );
      }
      return rows;
    },
    async close() {
      await handle?.close();
    },
  };
}

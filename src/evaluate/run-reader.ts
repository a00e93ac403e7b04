/**
 * Read a run directory the way reports need it: the manifest, the problem table, per-problem outcomes
 * (streamed from the journal: n, c, errors, grading time) and random access to a problem's rows by byte
 * offset. Memory holds one small record per problem and one index entry per sample, never the outputs.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { type JournalRow, ProblemRow } from '../contracts/journal.ts';
import { outcomeKey, type ProblemOutcome } from '../contracts/report.ts';
import type { RunManifest } from '../contracts/run.ts';
import { InputError } from '../core/errors.ts';
import { readJsonl } from '../core/jsonl.ts';
import { firstIssue } from '../core/zod-issues.ts';
import { executionResultList, type PredictionOutcome } from '../grade/code-execution.ts';
import {
  type IndexedRow,
  indexJournal,
  type JournalIndex,
  parseJournalLine,
  readIndexedRow,
} from './journal.ts';
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

/** Per-sample rows of a journal folded into per-problem outcomes, with where each latest row is. */
export interface JournalDigest {
  outcomes: Map<string, ProblemOutcome>;
  index: JournalIndex;
}

/**
 * Fold a journal into per-problem outcomes: LCB's n and c are the length and the passes of the problem's
 * result list, which for code execution is `executionResultList` of its predictions (docs/lcb.md §11.3:
 * skipped predictions leave the list, and when all are skipped the problem counts as n failures).
 */
export async function digestJournal(file: string): Promise<JournalDigest> {
  const index = await indexJournal(file);
  const outcomes = new Map<string, ProblemOutcome>();
  for (const { scenario, problemId } of index.units()) {
    let journaled = 0;
    let errors = 0;
    let gradeMs = 0;
    const graded: PredictionOutcome[] = [];
    for (const { row } of index.samplesOf(scenario, problemId)) {
      journaled += 1;
      gradeMs += row.gradeMs;
      if (row.status === 'error') errors += 1;
      else graded.push(row.skipped === true ? 'skipped' : row.passed);
    }
    const list = executionResultList(graded);
    const c = list.filter((passed) => passed).length;
    outcomes.set(outcomeKey(scenario, problemId), { n: list.length, c, errors, journaled, gradeMs });
  }
  return { outcomes, index };
}

/** read a problem's rows in one piece when they lie this close together (they usually are consecutive) */
const CONTIGUOUS_READ_SLACK = 4;

/**
 * The rows at `spans`, parsed: one read of the range they cover when it is not much larger than the rows,
 * else one read per row.
 */
async function readRows(
  handle: FileHandle,
  file: string,
  spans: readonly IndexedRow[],
): Promise<JournalRow[]> {
  const start = Math.min(...spans.map((span) => span.offset));
  const end = Math.max(...spans.map((span) => span.offset + span.length));
  const bytes = spans.reduce((sum, span) => sum + span.length, 0);
  if (end - start > CONTIGUOUS_READ_SLACK * bytes + 4096) {
    const rows: JournalRow[] = [];
    for (const span of spans) rows.push(await readIndexedRow(handle, file, span));
    return rows;
  }
  const buffer = Buffer.alloc(end - start);
  await handle.read(buffer, 0, buffer.length, start);
  return spans.map((span) =>
    parseJournalLine(
      file,
      span.line,
      buffer.toString('utf8', span.offset - start, span.offset - start + span.length),
    ),
  );
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
  const { outcomes, index } = await digestJournal(paths.journal);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  return {
    runDir,
    manifest,
    problems,
    outcomes,
    async samples(scenario, problemId) {
      const spans = [...index.samplesOf(scenario, problemId)].map(({ row }) => row);
      if (spans.length === 0) return [];
      handle ??= await open(paths.journal, 'r');
      return readRows(handle, paths.journal, spans);
    },
    async close() {
      await handle?.close();
    },
  };
}

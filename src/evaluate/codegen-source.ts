/**
 * Where self-repair reads the code-generation results it repairs (docs/lcb.md §9): the code-generation rows of
 * this same run (when one call asks for both scenarios), another hrm-lcb run directory (`--codegen-run DIR`),
 * or an LCB `Scenario.codegeneration_*_eval_all.json` file (`--codegen-run FILE`).
 */
import { open, readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { JournalRow } from '../contracts/journal.ts';
import { InputError } from '../core/errors.ts';
import { firstIssue } from '../core/zod-issues.ts';
import { type IndexedRow, indexJournal, type JournalIndex, readIndexedRow } from './journal.ts';
import type { CodeGenerationResult } from './units.ts';

/** The code-generation results of each problem. */
export interface CodegenSource {
  /** resolves once the problem's code generation is complete; `undefined` when the source lacks it */
  results(problemId: string): Promise<readonly CodeGenerationResult[] | undefined>;
}

/** A journal row as self-repair reads it. */
export function codegenResultOf(row: JournalRow): CodeGenerationResult {
  const result: CodeGenerationResult = {
    output: row.output,
    code: row.extracted,
    passed: row.passed,
    metadata: row.metadata ?? '{}',
  };
  if (row.status === 'error') result.error = row.error?.message ?? 'infrastructure error';
  return result;
}

/** Read the code-generation rows of one problem (samples 0..n-1) from a journal by its index. */
async function readCodegenRows(
  file: string,
  index: JournalIndex,
  problemId: string,
  samples: number,
): Promise<CodeGenerationResult[] | undefined> {
  const spans: IndexedRow[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    const span = index.get('codegeneration', problemId, sample);
    if (span === undefined) return undefined;
    spans.push(span);
  }
  const handle = await open(file, 'r');
  try {
    const out: CodeGenerationResult[] = [];
    for (const span of spans) {
      out.push(codegenResultOf(await readIndexedRow(handle, file, span)));
    }
    return out;
  } finally {
    await handle.close();
  }
}

/** Code generation of the same run: a problem's results become available when its unit finishes. */
export class SameRunCodegen implements CodegenSource {
  private readonly waiting = new Map<string, { promise: Promise<void>; resolve: () => void }>();

  constructor(
    private readonly journalFile: string,
    /** live index of the journal (the evaluator adds each appended row) */
    private readonly index: JournalIndex,
    private readonly samples: number,
    /** an interrupt releases every waiting self-repair unit (they then write nothing) */
    private readonly signal?: AbortSignal,
  ) {
    signal?.addEventListener('abort', () => {
      for (const entry of this.waiting.values()) entry.resolve();
    });
  }

  private entry(problemId: string): { promise: Promise<void>; resolve: () => void } {
    let entry = this.waiting.get(problemId);
    if (entry === undefined) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      entry = { promise, resolve };
      this.waiting.set(problemId, entry);
    }
    return entry;
  }

  /** The problem's code-generation unit has every sample journaled. */
  complete(problemId: string): void {
    this.entry(problemId).resolve();
  }

  async results(problemId: string): Promise<readonly CodeGenerationResult[] | undefined> {
    const entry = this.entry(problemId);
    if (this.signal?.aborted) entry.resolve();
    await entry.promise;
    if (this.signal?.aborted) return undefined;
    return readCodegenRows(this.journalFile, this.index, problemId, this.samples);
  }
}

/** Code generation of another hrm-lcb run directory. */
export class RunDirCodegen implements CodegenSource {
  private constructor(
    private readonly journalFile: string,
    private readonly index: JournalIndex,
    private readonly samples: number,
  ) {}

  static async open(journalFile: string, samples: number): Promise<RunDirCodegen> {
    return new RunDirCodegen(journalFile, await indexJournal(journalFile), samples);
  }

  results(problemId: string): Promise<readonly CodeGenerationResult[] | undefined> {
    return readCodegenRows(this.journalFile, this.index, problemId, this.samples);
  }
}

const EvalAllRow = z.looseObject({
  question_id: z.union([z.string(), z.number()]),
  output_list: z.array(z.string()),
  code_list: z.array(z.string()),
  graded_list: z.array(z.boolean()),
  metadata: z.array(z.string()),
});

/** Code generation of an LCB `_eval_all.json` file (docs/lcb.md §8.3). */
export class LcbEvalAllCodegen implements CodegenSource {
  private constructor(private readonly byProblem: Map<string, CodeGenerationResult[]>) {}

  /** how many generations per problem the file holds (LCB's `codegen_n`) */
  readonly samples = (): number => this.byProblem.values().next().value?.length ?? 0;

  static async open(file: string): Promise<LcbEvalAllCodegen> {
    let values: unknown;
    try {
      values = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new InputError(file, `not a readable JSON file: ${(error as Error).message}`);
    }
    if (!Array.isArray(values))
      throw new InputError(file, 'expected the JSON array of an LCB _eval_all.json file');
    const byProblem = new Map<string, CodeGenerationResult[]>();
    values.forEach((value, position) => {
      const parsed = EvalAllRow.safeParse(value);
      if (!parsed.success) {
        const issue = firstIssue(parsed.error);
        throw new InputError(file, issue.message, { field: `[${position}].${issue.field}` });
      }
      const row = parsed.data;
      byProblem.set(
        String(row.question_id),
        row.code_list.map((code, i) => ({
          output: row.output_list[i] ?? '',
          code,
          passed: row.graded_list[i] ?? false,
          metadata: row.metadata[i] ?? '{}',
        })),
      );
    });
    return new LcbEvalAllCodegen(byProblem);
  }

  async results(problemId: string): Promise<readonly CodeGenerationResult[] | undefined> {
    return this.byProblem.get(problemId);
  }
}

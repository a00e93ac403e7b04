/**
 * `replay:FILE`: outputs read from a file instead of a model. Accepted rows (JSON Lines, or one JSON array):
 * - hrm-lcb's own: `{"scenario": "codegeneration", "problem_id": "abc301_a", "outputs": ["...", ...]}`;
 * - LCB generation-file rows (`output/{model}/Scenario.*.json`, docs/lcb.md §8.1): `question_id` +
 *   `output_list`, with `test_id` (test output prediction) or `id` (code execution); the scenario is taken
 *   from the row's shape (`pred_list` + `test_id`, `id` + `pred_list`, `original_code_list` for self-repair,
 *   else code generation) unless the row names it.
 * `outputs[i]` is sample i (for self-repair: the repair of code-generation sample i). JSON Lines files are
 * indexed by byte offset and read back one row at a time, so a file of 100,000 rows costs little memory.
 */
import { type FileHandle, open, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LcbScenario } from '../contracts/lcb-problem.ts';
import { InputError } from '../core/errors.ts';
import { firstIssue } from '../core/zod-issues.ts';
import { readLineAt, readLocatedLines } from '../lcb/line-reader.ts';
import { ModelError } from './errors.ts';
import { type GenerationRequest, type GenerationResult, type Model, testOutputProblemId } from './types.ts';

const NativeRow = z.object({
  scenario: LcbScenario,
  problem_id: z.string().min(1),
  outputs: z.array(z.string()),
});

const LcbRow = z.looseObject({
  scenario: LcbScenario.optional(),
  question_id: z.union([z.string(), z.number()]).optional(),
  test_id: z.number().int().optional(),
  id: z.string().optional(),
  output_list: z.array(z.string()),
  pred_list: z.array(z.string()).optional(),
  original_code_list: z.array(z.string()).optional(),
});

/** The scenario and problem key of an LCB-shaped row. */
function lcbRowKey(row: z.infer<typeof LcbRow>): { scenario: LcbScenario; problemId: string } | string {
  if (row.id !== undefined && (row.scenario === undefined || row.scenario === 'codeexecution')) {
    return { scenario: 'codeexecution', problemId: row.id };
  }
  if (row.question_id === undefined) return 'a row needs question_id (or id for code execution)';
  const questionId = String(row.question_id);
  if (row.test_id !== undefined && (row.scenario === undefined || row.scenario === 'testoutputprediction')) {
    return { scenario: 'testoutputprediction', problemId: testOutputProblemId(questionId, row.test_id) };
  }
  const scenario = row.scenario ?? (row.original_code_list !== undefined ? 'selfrepair' : 'codegeneration');
  return { scenario, problemId: questionId };
}

/** Parse one replay row into its key and outputs; a string is the reason it is invalid. */
export function parseReplayRow(
  value: unknown,
): { scenario: LcbScenario; problemId: string; outputs: string[] } | { error: string; field: string } {
  const native = NativeRow.safeParse(value);
  if (native.success) {
    return {
      scenario: native.data.scenario,
      problemId: native.data.problem_id,
      outputs: native.data.outputs,
    };
  }
  const lcb = LcbRow.safeParse(value);
  if (!lcb.success) {
    const hasOutputs = typeof value === 'object' && value !== null && 'outputs' in value;
    const issue = firstIssue(hasOutputs ? native.error : lcb.error);
    return { error: issue.message, field: issue.field };
  }
  const key = lcbRowKey(lcb.data);
  if (typeof key === 'string') return { error: key, field: 'question_id' };
  return { ...key, outputs: lcb.data.output_list };
}

type Located = { offset: number; length: number; line: number } | { outputs: string[] };

function keyOf(scenario: string, problemId: string): string {
  return `${scenario}\u0000${problemId}`;
}

/** Outputs replayed from a file. */
export class ReplayModel implements Model {
  readonly id: string;
  readonly kind = 'table' as const;

  private constructor(
    readonly file: string,
    private readonly index: Map<string, Located>,
    private readonly handle: FileHandle | undefined,
  ) {
    this.id = `replay:${file}`;
  }

  /** Index `file`; rejects with an `InputError` naming the file, line and field of the first bad row. */
  static async open(file: string): Promise<ReplayModel> {
    const head = await readHead(file);
    if (head.trimStart().startsWith('[')) return ReplayModel.fromArray(file);
    const index = new Map<string, Located>();
    for await (const span of readLocatedLines(file)) {
      if (span.text.trim() === '') continue;
      const row = parseLine(file, span.line, span.text);
      index.set(keyOf(row.scenario, row.problemId), {
        offset: span.offset,
        length: span.byteLength,
        line: span.line,
      });
    }
    return new ReplayModel(file, index, await open(file, 'r'));
  }

  private static async fromArray(file: string): Promise<ReplayModel> {
    let values: unknown;
    try {
      values = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new InputError(file, `invalid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(values)) throw new InputError(file, 'expected a JSON array of rows or JSON Lines');
    const index = new Map<string, Located>();
    values.forEach((value, position) => {
      const row = parseReplayRow(value);
      if ('error' in row) throw new InputError(file, row.error, { field: `[${position}].${row.field}` });
      index.set(keyOf(row.scenario, row.problemId), { outputs: row.outputs });
    });
    return new ReplayModel(file, index, undefined);
  }

  /** how many (scenario, problem) rows the file has */
  get size(): number {
    return this.index.size;
  }

  /** whether the file has outputs for this problem */
  has(scenario: LcbScenario, problemId: string): boolean {
    return this.index.has(keyOf(scenario, problemId));
  }

  async generate(request: GenerationRequest): Promise<GenerationResult> {
    const located = this.index.get(keyOf(request.scenario, request.problemId));
    if (located === undefined) {
      throw new ModelError(
        'no-answer',
        `${this.file} has no ${request.scenario} row for ${request.problemId}`,
      );
    }
    const outputs = await this.outputsOf(located);
    const wanted = outputs.slice(request.firstSample, request.firstSample + request.sampling.n);
    if (wanted.length < request.sampling.n) {
      throw new ModelError(
        'no-answer',
        `${this.file} has ${outputs.length} outputs for ${request.scenario} ${request.problemId}; sample ${request.firstSample + wanted.length} is missing`,
      );
    }
    return { outputs: wanted, cached: false, latencyMs: 0, attempts: 1 };
  }

  private async outputsOf(located: Located): Promise<string[]> {
    if ('outputs' in located) return located.outputs;
    const { offset, length: byteLength, line } = located;
    const text = await readLineAt(this.handle!, { file: this.file, line, offset, byteLength });
    return parseLine(this.file, located.line, text).outputs;
  }

  async close(): Promise<void> {
    await this.handle?.close();
  }
}

function parseLine(
  file: string,
  line: number,
  text: string,
): { scenario: LcbScenario; problemId: string; outputs: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, `invalid JSON: ${(error as Error).message}`, { line });
  }
  const row = parseReplayRow(value);
  if ('error' in row) throw new InputError(file, row.error, { line, field: row.field });
  return row;
}

async function readHead(file: string): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new InputError(
      file,
      `cannot read replay file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

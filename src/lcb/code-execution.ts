/**
 * Loader for code execution: `livecodebench/execution-v2` (Parquet `data/test-*.parquet`, or JSON Lines
 * with the same fields; docs/lcb.md §2.4) and CRUXEval (`cruxeval.jsonl`, adapted as LCB's task with
 * `input := "f(" + input + ")"`). Sorted by the number in `id` (`sample_N`) as LCB does.
 */
import { type CodeExecutionProblem, Difficulty, type RowSource } from '../contracts/lcb-problem.ts';
import { RawCodeExecutionRow, RawCruxEvalRow } from '../contracts/lcb-raw.ts';
import { InputError } from '../core/errors.ts';
import { type FilterView, selectProblems } from './filters.ts';
import { filterOf, type LoadOptions, type LoadResult, parseRow } from './load-options.ts';
import { type DatasetLayout, resolveDataset, type TableFiles } from './location.ts';
import { checkRaw, dateField, enumField, intField } from './rows.ts';
import { readTableRows } from './table-rows.ts';

/** CRUXEval's function is always named `f`. */
const CRUXEVAL_FUNCTION = 'f';

/** Parse one raw `execution-v2` row; errors name file, line (or row) and field. */
export function parseCodeExecutionRow(row: unknown, where: RowSource): CodeExecutionProblem {
  const raw = checkRaw(RawCodeExecutionRow, row, where);
  const date = dateField(raw.contest_date, where, 'contest_date');
  return {
    question_id: intField(raw.question_id, where, 'question_id'),
    id: raw.id,
    function_name: raw.function_name,
    code: raw.code,
    input: raw.input,
    output: raw.output,
    numsteps: intField(raw.numsteps, where, 'numsteps'),
    problem_id: raw.problem_id.map((value, i) => intField(value, where, `problem_id[${i}]`)),
    contest_id: raw.contest_id,
    contest_date: date.iso,
    contest_date_us: date.us,
    difficulty: enumField(raw.difficulty, Difficulty.options, where, 'difficulty'),
    source: where,
  };
}

/** Parse one CRUXEval row as a code-execution problem (no contest, date, difficulty or step count). */
export function parseCruxEvalRow(row: unknown, where: RowSource): CodeExecutionProblem {
  const raw = checkRaw(RawCruxEvalRow, row, where);
  return {
    question_id: null,
    id: raw.id,
    function_name: CRUXEVAL_FUNCTION,
    code: raw.code,
    input: `${CRUXEVAL_FUNCTION}(${raw.input})`,
    output: raw.output,
    numsteps: null,
    problem_id: [],
    contest_id: null,
    contest_date: null,
    contest_date_us: null,
    difficulty: null,
    source: where,
  };
}

/** The number N of an id `prefix_N`, LCB's sort key for this scenario. */
function idNumber(id: string): number {
  return Number(id.slice(id.lastIndexOf('_') + 1));
}

/** The filter's view of a code-execution row (execution-v2 rows are LeetCode problems; CRUXEval has none). */
export function codeExecutionView(problem: CodeExecutionProblem): FilterView {
  return {
    ids: problem.question_id === null ? [problem.id] : [problem.id, String(problem.question_id)],
    key: problem.id,
    contest_date_us: problem.contest_date_us,
    platform: problem.question_id === null ? null : 'leetcode',
    difficulty: problem.difficulty,
    errata: null,
  };
}

async function loadTable(
  table: TableFiles,
  parse: (row: unknown, where: RowSource) => CodeExecutionProblem,
  options: LoadOptions,
): Promise<LoadResult<CodeExecutionProblem>> {
  const filter = filterOf(options);
  const invalid: InputError[] = [];
  const all: CodeExecutionProblem[] = [];
  for await (const { value, where } of readTableRows(table, options, invalid)) {
    const problem = parseRow(options, invalid, () => parse(value, where));
    if (problem !== undefined) all.push(problem);
  }
  const selection = selectProblems(all, filter, codeExecutionView);
  const problems = selection.problems.sort((a, b) => idNumber(a.id) - idNumber(b.id));
  return {
    problems,
    files: table.files,
    rows: all.length + invalid.length,
    invalid,
    unmatched_question_ids: selection.unmatched_question_ids,
  };
}

/** Load the code-execution problems at a dataset location (execution-v2, or CRUXEval when that is all there is). */
export async function loadCodeExecution(
  location: string | DatasetLayout,
  options: LoadOptions = {},
): Promise<LoadResult<CodeExecutionProblem>> {
  const layout = typeof location === 'string' ? resolveDataset(location) : location;
  if (layout.execution === null) {
    throw new InputError(layout.label, 'has no code-execution data', {
      hint: 'expected execution-v2/data/test-*.parquet or cruxeval/cruxeval.jsonl; see docs/data.md',
    });
  }
  const parse = layout.execution.kind === 'cruxeval' ? parseCruxEvalRow : parseCodeExecutionRow;
  return loadTable(layout.execution, parse, options);
}

/** Load a CRUXEval `cruxeval.jsonl` file as code-execution problems. */
export function loadCruxEval(
  file: string,
  options: LoadOptions = {},
): Promise<LoadResult<CodeExecutionProblem>> {
  return loadTable({ format: 'jsonl', files: [file] }, parseCruxEvalRow, options);
}

/**
 * Loader for `livecodebench/test_generation` (test output prediction, docs/lcb.md §2.3): `test.parquet`,
 * or JSON Lines with the same fields. One row per (question_id, test_id), sorted by that pair as LCB does.
 * `release_version` does not apply (LCB ignores it here); date, difficulty and id filters do.
 */
import { Difficulty, type RowSource, type TestOutputPredictionProblem } from '../contracts/lcb-problem.ts';
import { RawTestOutputPredictionRow } from '../contracts/lcb-raw.ts';
import { InputError } from '../core/errors.ts';
import { findErrata } from './errata.ts';
import { type FilterView, selectProblems } from './filters.ts';
import { compareCodePoints, filterOf, type LoadOptions, type LoadResult, parseRow } from './load-options.ts';
import { type DatasetLayout, resolveDataset } from './location.ts';
import { checkRaw, dateField, enumField, fieldError, intField } from './rows.ts';
import { readTableRows } from './table-rows.ts';
import { decodePublicTestCases, TestCaseDecodeError } from './test-cases.ts';

/** Parse one raw `test_generation` row; errors name file, line (or row) and field. */
export function parseTestOutputPredictionRow(row: unknown, where: RowSource): TestOutputPredictionProblem {
  const raw = checkRaw(RawTestOutputPredictionRow, row, where);
  if (raw.question_id === '') throw fieldError(where, 'question_id', 'must not be empty');
  const date = dateField(raw.contest_date, where, 'contest_date');
  let test: TestOutputPredictionProblem['test'];
  try {
    test = decodePublicTestCases(raw.test);
  } catch (error) {
    if (error instanceof TestCaseDecodeError) throw fieldError(where, `test${error.path}`, error.message);
    throw error;
  }
  if (test.length === 0) throw fieldError(where, 'test', 'is empty; test[0] is the case to predict');
  return {
    question_title: raw.question_title,
    question_content: raw.question_content,
    question_id: raw.question_id,
    contest_id: raw.contest_id,
    contest_date: date.iso,
    contest_date_us: date.us,
    difficulty: enumField(raw.difficulty, Difficulty.options, where, 'difficulty'),
    test,
    starter_code: raw.starter_code,
    function_name: raw.function_name,
    test_id: intField(raw.test_id, where, 'test_id'),
    errata: findErrata(raw.question_id, raw.question_title),
    source: where,
  };
}

/** The filter's view of a test-output-prediction row (all rows are LeetCode problems). */
export function testOutputPredictionView(problem: TestOutputPredictionProblem): FilterView {
  return {
    ids: [problem.question_id],
    key: `${problem.question_id}/${problem.test_id}`,
    contest_date_us: problem.contest_date_us,
    platform: 'leetcode',
    difficulty: problem.difficulty,
    errata: problem.errata,
  };
}

/** Load the test-output-prediction problems at a dataset location, filtered, sorted by (question_id, test_id). */
export async function loadTestOutputPrediction(
  location: string | DatasetLayout,
  options: LoadOptions = {},
): Promise<LoadResult<TestOutputPredictionProblem>> {
  const layout = typeof location === 'string' ? resolveDataset(location) : location;
  const filter = filterOf(options);
  if (layout.testGeneration === null) {
    throw new InputError(layout.label, 'has no test_generation data', {
      hint: 'expected test_generation/test.parquet (or *.jsonl); docs/data.md shows how to download it',
    });
  }
  const invalid: InputError[] = [];
  const all: TestOutputPredictionProblem[] = [];
  for await (const { value, where } of readTableRows(layout.testGeneration, options, invalid)) {
    const problem = parseRow(options, invalid, () => parseTestOutputPredictionRow(value, where));
    if (problem !== undefined) all.push(problem);
  }
  const selection = selectProblems(all, filter, testOutputPredictionView);
  const problems = selection.problems.sort(
    (a, b) => compareCodePoints(a.question_id, b.question_id) || a.test_id - b.test_id,
  );
  return {
    problems,
    files: layout.testGeneration.files,
    rows: all.length + invalid.length,
    invalid,
    unmatched_question_ids: selection.unmatched_question_ids,
  };
}

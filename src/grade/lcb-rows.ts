/**
 * The pieces of LCB's result files (`docs/lcb.md` §8), one problem at a time, so that `hrm-lcb grade`
 * (whole files, `result-files.ts`) and `hrm-lcb evaluate`'s JSON reporter (streamed, problem by problem)
 * write the same bytes: a problem's record (`insert_output` fields), its generation row, its `_eval_all.json`
 * row (`insert_output_evaluation`), the `_eval.json` list and the metadata strings. Trees are `PyJson`, which
 * `pyJsonDumps` writes as upstream's `json.dump(..., indent=4)`.
 */
import type {
  CodeExecutionProblem,
  CodeGenerationMeta,
  LcbScenario,
  TestOutputPredictionProblem,
} from '../contracts/lcb-problem.ts';
import type { PyJson } from '../python/json-dumps.ts';
import { pyJsonDumps } from '../python/json-dumps.ts';
import type { CodegenMetadata } from './codegen.ts';
import {
  CODEGEN_K_LIST,
  computeMetricsFromResults,
  passAtK,
  type ResultsByTask,
  TEST_OUTPUT_K_LIST,
  type TestResult,
} from './pass-at-k.ts';

/**
 * A problem's own fields in its scenario's rows, in upstream's key order, as plain JSON (it is stored in a
 * run's `problems.jsonl`). Every number in a record is a Python int (ids, `test_id`, `numsteps`).
 */
export type LcbRecord = Readonly<Record<string, unknown>>;

/** `CodeGenerationProblem.insert_output`'s problem fields (code generation and self-repair). */
export function codegenRecord(problem: CodeGenerationMeta): LcbRecord {
  return {
    question_title: problem.question_title,
    question_content: problem.question_content,
    platform: problem.platform,
    question_id: problem.question_id,
    contest_id: problem.contest_id,
    contest_date: problem.contest_date,
    starter_code: problem.starter_code,
    difficulty: problem.difficulty,
  };
}

/** `TestOutputPredictionProblem.insert_output`'s problem fields (the lists go before `test_id`). */
export function testOutputRecord(problem: TestOutputPredictionProblem): LcbRecord {
  return {
    question_title: problem.question_title,
    question_content: problem.question_content,
    question_id: problem.question_id,
    contest_id: problem.contest_id,
    contest_date: problem.contest_date,
    difficulty: problem.difficulty,
    test_id: problem.test_id,
    function_name: problem.function_name,
    starter_code: problem.starter_code,
  };
}

/** `CodeExecutionProblem.insert_output`'s problem fields. */
export function executionRecord(problem: CodeExecutionProblem): LcbRecord {
  return {
    question_id: problem.question_id,
    contest_id: problem.contest_id,
    contest_date: problem.contest_date,
    difficulty: problem.difficulty,
    function_name: problem.function_name,
    code: problem.code,
    input: problem.input,
    output: problem.output,
    id: problem.id,
    problem_id: problem.problem_id,
    numsteps: problem.numsteps,
  };
}

/** A record's plain JSON as Python values: numbers are ints (records hold no floats). */
function recordJson(value: unknown): PyJson {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(recordJson);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, recordJson(item)]));
  }
  throw new TypeError(`an LCB record holds no ${typeof value}`);
}

/** The key of the answers list in a scenario's rows. */
function answersKey(scenario: LcbScenario): 'code_list' | 'pred_list' {
  return scenario === 'codegeneration' || scenario === 'selfrepair' ? 'code_list' : 'pred_list';
}

/**
 * `insert_output(output_list, answers)`: the problem's record with its raw outputs and its extracted answers
 * (`code_list` / `pred_list`) where upstream puts them: last, but before `test_id` for test output.
 */
export function lcbOutputRow(
  scenario: LcbScenario,
  record: LcbRecord,
  outputList: readonly string[],
  answers: readonly string[],
): Record<string, PyJson> {
  const lists: [string, PyJson][] = [
    ['output_list', [...outputList]],
    [answersKey(scenario), [...answers]],
  ];
  const fields = Object.entries(record).map(([key, value]): [string, PyJson] => [key, recordJson(value)]);
  const at = scenario === 'testoutputprediction' ? fields.findIndex(([key]) => key === 'test_id') : -1;
  fields.splice(at < 0 ? fields.length : at, 0, ...lists);
  return Object.fromEntries(fields);
}

/**
 * `insert_output_evaluation`: the generation row plus `graded_list`, `pass@1` (`graded_list.count(True) /
 * len(graded_list)`; 0.0 for a problem without graded answers, where upstream divides by zero) and `extra`
 * (metadata, self-repair's `original_code_list`).
 */
export function lcbEvalAllRow(
  outputRow: Record<string, PyJson>,
  graded: readonly boolean[],
  extra: Record<string, PyJson> = {},
): Record<string, PyJson> {
  const passed = graded.filter((g) => g).length;
  return {
    ...outputRow,
    graded_list: [...graded],
    'pass@1': graded.length === 0 ? 0 : passed / graded.length,
    ...extra,
  };
}

/** `json.dumps(metadata)` as upstream stores it: `error_code` an int, `execution time` a float. */
export function metadataJson(metadata: CodegenMetadata): string {
  const tree: Record<string, PyJson> = {};
  for (const [key, value] of Object.entries(metadata)) {
    tree[key] = key === 'error_code' && typeof value === 'number' ? BigInt(value) : value;
  }
  return pyJsonDumps(tree);
}

function resultJson(entry: TestResult): PyJson {
  return typeof entry === 'boolean' ? entry : BigInt(entry);
}

function resultsJson(results: ResultsByTask): PyJson {
  return Object.fromEntries(
    Object.entries(results).map(([id, lists]) => [id, lists.map((list) => list.map(resultJson))]),
  );
}

/** `code_execution_metrics`' pass@1: the estimator per problem, mean by Python `sum` in order, times 100. */
export function codeExecutionPassAt1(results: readonly (readonly boolean[])[]): number {
  let sum = 0;
  for (const list of results) sum += passAtK(list.length, list.filter((r) => r).length, 1);
  return (sum / results.length) * 100;
}

/**
 * The `_eval.json` list of a scenario: `[metrics, results, metadata]` for code generation and self-repair,
 * `[metrics, results]` for test output, `[{"pass@1": percent}, results]` for code execution. `results` is
 * keyed by problem index in benchmark order; `metadata` holds each problem's metadata strings.
 */
export function lcbEvalJson(
  scenario: LcbScenario,
  results: ResultsByTask,
  metadata: readonly (readonly string[])[] = [],
): PyJson {
  if (scenario === 'codeexecution') {
    const lists = Object.values(results).map((list) => list.map((r) => r[0] === true));
    return [{ 'pass@1': codeExecutionPassAt1(lists) }, resultsJson(results)];
  }
  if (scenario === 'testoutputprediction') {
    return [
      computeMetricsFromResults(results, TEST_OUTPUT_K_LIST) as unknown as PyJson,
      resultsJson(results),
    ];
  }
  return [
    computeMetricsFromResults(results, CODEGEN_K_LIST) as unknown as PyJson,
    resultsJson(results),
    metadata.map((list) => [...list]),
  ];
}

/**
 * LCB's output files (`docs/lcb.md` §8), built as `PyJson` trees that `pyJsonDumps(tree, 4)` writes
 * byte-for-byte as upstream's `json.dump(..., indent=4)`: the generation file (`insert_output` rows), the
 * `_eval.json` metrics list and the `_eval_all.json` rows (`insert_output_evaluation`). Rows follow the
 * benchmark's order (code generation by `question_id`, test output by `(question_id, test_id)`, code
 * execution by the number in `id`); result keys are problem indexes in that order.
 */
import type {
  CodeExecutionProblem,
  CodeGenerationMeta,
  LcbScenario,
  TestOutputPredictionProblem,
} from '../contracts/lcb-problem.ts';
import type { PyJson } from '../python/json-dumps.ts';
import { pyJsonDumps } from '../python/json-dumps.ts';
import { floatRepr } from '../python/repr.ts';
import type { CodegenMetadata } from './codegen.ts';
import {
  CODEGEN_K_LIST,
  computeMetricsFromResults,
  extractInstanceResults,
  passAtK,
  type ResultsByTask,
  TEST_OUTPUT_K_LIST,
} from './pass-at-k.ts';

/** The three files of one graded scenario. */
export interface LcbResultFiles {
  /** `{scenario}_{n}_{temperature}.json`: one `insert_output` row per problem */
  output: PyJson;
  /** `..._eval.json`: `[metrics, results]`, plus metadata for code generation and self-repair */
  eval: PyJson;
  /** `..._eval_all.json`: the output rows with `graded_list` and `pass@1` (and metadata) */
  evalAll: PyJson;
}

/** One problem's raw outputs, extracted answers, and per-answer result lists. */
export interface GradedProblem<P> {
  problem: P;
  outputList: string[];
  extractedList: string[];
  /** per answer, LCB's result list (code generation: `[true, -2]`...; the others: `[bool]`) */
  results: (boolean | number)[][];
  /** code generation and self-repair: the metadata dict of each answer */
  metadata?: CodegenMetadata[];
}

const int = (value: number): bigint => BigInt(value);

function resultJson(entry: boolean | number): PyJson {
  return typeof entry === 'boolean' ? entry : int(entry);
}

/** `json.dumps(metadata)` as upstream stores it: `error_code` an int, `execution time` a float. */
export function metadataJson(metadata: CodegenMetadata): string {
  const tree: Record<string, PyJson> = {};
  for (const [key, value] of Object.entries(metadata)) {
    tree[key] = key === 'error_code' && typeof value === 'number' ? int(value) : value;
  }
  return pyJsonDumps(tree);
}

function codegenRow(
  problem: CodeGenerationMeta,
  outputList: string[],
  codeList: string[],
): Record<string, PyJson> {
  return {
    question_title: problem.question_title,
    question_content: problem.question_content,
    platform: problem.platform,
    question_id: problem.question_id,
    contest_id: problem.contest_id,
    contest_date: problem.contest_date,
    starter_code: problem.starter_code,
    difficulty: problem.difficulty,
    output_list: outputList,
    code_list: codeList,
  };
}

function testOutputRow(
  problem: TestOutputPredictionProblem,
  outputList: string[],
  predList: string[],
): Record<string, PyJson> {
  return {
    question_title: problem.question_title,
    question_content: problem.question_content,
    question_id: problem.question_id,
    contest_id: problem.contest_id,
    contest_date: problem.contest_date,
    difficulty: problem.difficulty,
    output_list: outputList,
    pred_list: predList,
    test_id: int(problem.test_id),
    function_name: problem.function_name,
    starter_code: problem.starter_code,
  };
}

function executionRow(
  problem: CodeExecutionProblem,
  outputList: string[],
  predList: string[],
): Record<string, PyJson> {
  return {
    question_id: problem.question_id === null ? null : int(problem.question_id),
    contest_id: problem.contest_id,
    contest_date: problem.contest_date,
    difficulty: problem.difficulty,
    function_name: problem.function_name,
    code: problem.code,
    input: problem.input,
    output: problem.output,
    id: problem.id,
    problem_id: problem.problem_id.map(int),
    numsteps: problem.numsteps === null ? null : int(problem.numsteps),
    output_list: outputList,
    pred_list: predList,
  };
}

function resultsByTask(graded: readonly GradedProblem<unknown>[]): ResultsByTask {
  return Object.fromEntries(graded.map((g, i) => [String(i), g.results]));
}

function resultsJson(results: ResultsByTask): PyJson {
  return Object.fromEntries(
    Object.entries(results).map(([id, lists]) => [id, lists.map((list) => list.map(resultJson))]),
  );
}

function evalAllRow(row: Record<string, PyJson>, graded: boolean[], extra: Record<string, PyJson>): PyJson {
  const passed = graded.filter((g) => g).length;
  // insert_output_evaluation: pass@1 = graded_list.count(True) / len(graded_list)
  return {
    ...row,
    graded_list: graded,
    'pass@1': graded.length === 0 ? Number.NaN : passed / graded.length,
    ...extra,
  };
}

/**
 * Result files of code generation, or self-repair (`withMetadata: false` as custom_evaluator writes it;
 * the runner's own self-repair rows add `original_code_list`).
 */
export function codegenResultFiles(
  graded: readonly GradedProblem<CodeGenerationMeta>[],
  options: { originalCodeLists?: string[][]; withMetadata?: boolean } = {},
): LcbResultFiles {
  const results = resultsByTask(graded);
  const metadata = graded.map((g) => (g.metadata ?? []).map(metadataJson));
  const instances = extractInstanceResults(results);
  const output = graded.map((g) => codegenRow(g.problem, g.outputList, g.extractedList));
  return {
    output,
    eval: [
      computeMetricsFromResults(results, CODEGEN_K_LIST) as unknown as PyJson,
      resultsJson(results),
      metadata,
    ],
    evalAll: graded.map((g, i) =>
      evalAllRow(codegenRow(g.problem, g.outputList, g.extractedList), instances[i]!, {
        // custom_evaluator stores metadata for code generation only
        ...(options.withMetadata === false ? {} : { metadata: metadata[i]! }),
        ...(options.originalCodeLists === undefined
          ? {}
          : { original_code_list: options.originalCodeLists[i]! }),
      }),
    ),
  };
}

/** Result files of test output prediction. */
export function testOutputResultFiles(
  graded: readonly GradedProblem<TestOutputPredictionProblem>[],
): LcbResultFiles {
  const results = resultsByTask(graded);
  const instances = extractInstanceResults(results);
  return {
    output: graded.map((g) => testOutputRow(g.problem, g.outputList, g.extractedList)),
    eval: [computeMetricsFromResults(results, TEST_OUTPUT_K_LIST) as unknown as PyJson, resultsJson(results)],
    evalAll: graded.map((g, i) =>
      evalAllRow(testOutputRow(g.problem, g.outputList, g.extractedList), instances[i]!, {}),
    ),
  };
}

/** `code_execution_metrics`' pass@1: the estimator per problem, mean by Python `sum` in order, times 100. */
export function codeExecutionPassAt1(results: readonly boolean[][]): number {
  let sum = 0;
  for (const list of results) sum += passAtK(list.length, list.filter((r) => r).length, 1);
  return (sum / results.length) * 100;
}

/** Result files of code execution. */
export function codeExecutionResultFiles(
  graded: readonly GradedProblem<CodeExecutionProblem>[],
): LcbResultFiles {
  const results = resultsByTask(graded);
  const instances = extractInstanceResults(results);
  const lists = graded.map((g) => g.results.map((r) => r[0] === true));
  return {
    output: graded.map((g) => executionRow(g.problem, g.outputList, g.extractedList)),
    eval: [{ 'pass@1': codeExecutionPassAt1(lists) }, resultsJson(results)],
    evalAll: graded.map((g, i) =>
      evalAllRow(executionRow(g.problem, g.outputList, g.extractedList), instances[i]!, {}),
    ),
  };
}

/** `str(Scenario.x)` as LCB puts it in file names: `Scenario.codegeneration`. */
export function scenarioFileTag(scenario: LcbScenario): string {
  return `Scenario.${scenario}`;
}

/** `output/{model}/{Scenario.x}_{n}_{temperature}{_cot}.json` name (temperature as Python prints a float). */
export function lcbOutputFileName(
  scenario: LcbScenario,
  n: number,
  temperature: number,
  cot = false,
): string {
  return `${scenarioFileTag(scenario)}_${n}_${floatRepr(temperature)}${cot ? '_cot' : ''}.json`;
}

/** The `_eval.json` and `_eval_all.json` names beside an output file (`path.replace(".json", ...)`, first only). */
export function evalFileNames(outputPath: string): { eval: string; evalAll: string } {
  const base = outputPath.endsWith('.json') ? outputPath.slice(0, -'.json'.length) : outputPath;
  return { eval: `${base}_eval.json`, evalAll: `${base}_eval_all.json` };
}

/**
 * LCB's output files of one graded scenario (`docs/lcb.md` §8), whole, as `hrm-lcb grade` writes them: the
 * generation file (`insert_output` rows), the `_eval.json` list and the `_eval_all.json` rows
 * (`insert_output_evaluation`), each a `PyJson` tree that `pyJsonDumps(tree, 4)` writes byte for byte as
 * upstream's `json.dump(..., indent=4)`. Rows follow the benchmark's order (code generation by
 * `question_id`, test output by `(question_id, test_id)`, code execution by the number in `id`); result
 * keys are problem indexes in that order. The rows themselves are built in `lcb-rows.ts`, which the
 * evaluator's streamed JSON report uses too.
 */
import type {
  CodeExecutionProblem,
  CodeGenerationMeta,
  LcbScenario,
  TestOutputPredictionProblem,
} from '../contracts/lcb-problem.ts';
import type { PyJson } from '../python/json-dumps.ts';
import { floatRepr } from '../python/repr.ts';
import type { CodegenMetadata } from './codegen.ts';
import {
  codegenRecord,
  executionRecord,
  type LcbRecord,
  lcbEvalAllRow,
  lcbEvalJson,
  lcbOutputRow,
  metadataJson,
  testOutputRecord,
} from './lcb-rows.ts';
import { extractInstanceResults, type ResultsByTask } from './pass-at-k.ts';

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

function resultsByTask(graded: readonly GradedProblem<unknown>[]): ResultsByTask {
  return Object.fromEntries(graded.map((g, i) => [String(i), g.results]));
}

/** The files of a scenario from its graded problems, their records and per-problem `_eval_all` extras. */
function resultFiles<P>(
  scenario: LcbScenario,
  graded: readonly GradedProblem<P>[],
  recordOf: (problem: P) => LcbRecord,
  extraOf: (index: number) => Record<string, PyJson> = () => ({}),
  metadata?: string[][],
): LcbResultFiles {
  const results = resultsByTask(graded);
  const instances = extractInstanceResults(results);
  const rows = graded.map((g) => lcbOutputRow(scenario, recordOf(g.problem), g.outputList, g.extractedList));
  return {
    output: rows,
    eval: lcbEvalJson(scenario, results, metadata),
    evalAll: rows.map((row, i) => lcbEvalAllRow(row, instances[i]!, extraOf(i))),
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
  const metadata = graded.map((g) => (g.metadata ?? []).map(metadataJson));
  return resultFiles(
    'codegeneration',
    graded,
    codegenRecord,
    (i) => ({
      // custom_evaluator stores metadata for code generation only
      ...(options.withMetadata === false ? {} : { metadata: metadata[i]! }),
      ...(options.originalCodeLists === undefined
        ? {}
        : { original_code_list: options.originalCodeLists[i]! }),
    }),
    metadata,
  );
}

/** Result files of test output prediction. */
export function testOutputResultFiles(
  graded: readonly GradedProblem<TestOutputPredictionProblem>[],
): LcbResultFiles {
  return resultFiles('testoutputprediction', graded, testOutputRecord);
}

/** Result files of code execution. */
export function codeExecutionResultFiles(
  graded: readonly GradedProblem<CodeExecutionProblem>[],
): LcbResultFiles {
  return resultFiles('codeexecution', graded, executionRecord);
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

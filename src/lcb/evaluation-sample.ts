/**
 * What each scenario hands its grader: LCB's `get_evaluation_sample()` per problem type (docs/lcb.md §3,
 * §10, §11). For code generation, public tests come first, then private, in file order; `fn_name` is
 * `metadata.func_name` or `null`, and the grader dispatches on it (stdin when `null`).
 */
import type {
  CodeExecutionProblem,
  CodeGenerationProblem,
  TestOutputPredictionProblem,
} from '../contracts/lcb-problem.ts';

/** The decoded `input_output` of a code-generation problem. */
export interface CodeGenerationSample {
  inputs: string[];
  outputs: string[];
  fn_name: string | null;
}

/** `CodeGenerationProblem.get_evaluation_sample()`: the object inside its `input_output` JSON. */
export function codeGenerationSample(problem: CodeGenerationProblem): CodeGenerationSample {
  const tests = [...problem.public_test_cases, ...problem.private_test_cases];
  return {
    inputs: tests.map((test) => test.input),
    outputs: tests.map((test) => test.output),
    fn_name: problem.metadata.func_name ?? null,
  };
}

/** `TestOutputPredictionProblem.get_evaluation_sample()`: the statement and the expected output of `test[0]`. */
export function testOutputPredictionSample(problem: TestOutputPredictionProblem): {
  input: string;
  output: string;
} {
  return { input: problem.question_content, output: problem.test[0]!.output };
}

/** `CodeExecutionProblem.get_evaluation_sample()`: code, call and true output. */
export function codeExecutionSample(problem: CodeExecutionProblem): {
  code: string;
  input: string;
  output: string;
} {
  return { code: problem.code, input: problem.input, output: problem.output };
}

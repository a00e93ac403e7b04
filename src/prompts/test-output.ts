/**
 * Test-output-prediction prompts: upstream `lcb_runner/prompts/test_output_prediction.py`
 * (`get_generic_question_template_test_completion`, `format_prompt_test_output`; docs/lcb.md §10).
 */
import { MISSING_STYLE_ERROR, TEST_OUTPUT_SYSTEM_MESSAGE } from './constants.ts';
import { starterFunctionName } from './starter-function.ts';
import { chatPrompt } from './style.ts';
import { type Prompt, type PromptOptions, type PromptStyle, upstreamCrash } from './types.ts';

/** The fields of a `test_generation` row the prompt reads; `input` is the row's first test's input. */
export interface TestOutputPromptInput {
  readonly question_content: string;
  readonly starter_code: string;
  /** `test[0].input`: one JSON argument per line */
  readonly input: string;
}

/** `format_testcase_func_name_input`: the arguments joined by `, ` (no space after `==`, as upstream). */
function assertionToComplete(functionName: string, input: string): string {
  return `assert ${functionName}(${input.split('\n').join(', ')}) == # TODO`;
}

/** `get_generic_question_template_test_completion` (upstream puts no newline before `Function:`). */
function questionTemplate(problem: TestOutputPromptInput, options?: PromptOptions): string {
  let prompt = `Problem:\n${problem.question_content}`;
  prompt += `Function:\n\`\`\`\n${problem.starter_code}\n\`\`\`\n`;
  const name = starterFunctionName(problem.starter_code, options);
  prompt += 'Please complete the following test case:\n\n';
  return `${prompt}\`\`\`\n${assertionToComplete(name, problem.input)}\n\`\`\`\n`;
}

/** The test-output-prediction prompt of one problem in one style (`format_prompt_test_output`). */
export function testOutputPrompt(
  problem: TestOutputPromptInput,
  style: PromptStyle,
  options?: PromptOptions,
): Prompt {
  if (style !== 'OpenAIChat') upstreamCrash(options, MISSING_STYLE_ERROR);
  const user = questionTemplate(problem, options);
  // upstream's completion styles (StarCoderInstruct, Gemini, OC): system text, newline, the template
  if (style === 'GenericBase') return `${TEST_OUTPUT_SYSTEM_MESSAGE}\n${user}`;
  return chatPrompt(style, TEST_OUTPUT_SYSTEM_MESSAGE, user);
}

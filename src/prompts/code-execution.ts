/**
 * Code-execution prompts, direct and chain-of-thought: upstream `lcb_runner/prompts/code_execution.py`
 * (`make_direct_output_prompt`, `make_cot_output_prompt`, `format_prompt_execution_base`; docs/lcb.md §11.1).
 */
import {
  CODE_EXECUTION_COT_PREAMBLE,
  CODE_EXECUTION_DIRECT_PREAMBLE,
  CODE_EXECUTION_SYSTEM_MESSAGE,
  MISSING_STYLE_ERROR,
} from './constants.ts';
import { chatPrompt } from './style.ts';
import { type Prompt, type PromptOptions, type PromptStyle, upstreamCrash } from './types.ts';

/** The fields of an `execution-v2` row the prompt reads. */
export interface CodeExecutionPromptInput {
  readonly code: string;
  /** the call, e.g. `countSeniors(details = ['7868190130M7522'])` */
  readonly input: string;
}

/** The few-shot text itself, ending where the model continues (`[ANSWER]` direct, `[THOUGHT]` CoT). */
export function codeExecutionText(problem: CodeExecutionPromptInput, cot: boolean): string {
  const preamble = cot ? CODE_EXECUTION_COT_PREAMBLE : CODE_EXECUTION_DIRECT_PREAMBLE;
  const opener = cot ? '[THOUGHT]' : '[ANSWER]';
  return `${preamble}[PYTHON]\n${problem.code}\nassert ${problem.input} == ??\n[/PYTHON]\n${opener}\n`;
}

/** The code-execution prompt of one problem in one style (`format_prompt_execution[_cot]`). */
export function codeExecutionPrompt(
  problem: CodeExecutionPromptInput,
  style: PromptStyle,
  cot: boolean,
  options?: PromptOptions,
): Prompt {
  if (style !== 'OpenAIChat') upstreamCrash(options, MISSING_STYLE_ERROR);
  const text = codeExecutionText(problem, cot);
  // upstream's completion styles (StarCoderInstruct, DeepSeekCodeInstruct, ...) send the few-shot text alone
  if (style === 'GenericBase') return text;
  return chatPrompt(style, CODE_EXECUTION_SYSTEM_MESSAGE, text);
}

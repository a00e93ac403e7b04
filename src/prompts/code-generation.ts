/** Code-generation prompts: upstream `lcb_runner/prompts/code_generation.py` `format_prompt_generation`. */
import {
  ANSWER_LINE,
  CODEGEN_FORMAT_OAIREASON_MAIN,
  CODEGEN_FORMAT_WITH_STARTER_CODE,
  CODEGEN_FORMAT_WITHOUT_STARTER_CODE,
  CODEGEN_SYSTEM_MESSAGE,
  YOUR_CODE_HERE_BLOCK,
} from './constants.ts';
import { FEW_SHOT_FUNCTIONAL, FEW_SHOT_STDIN, type FewShotExample } from './few-shot.ts';
import { chatPrompt } from './style.ts';
import type { Prompt, PromptStyle } from './types.ts';

/** The fields of a code-generation problem the prompt reads (LCB's names). */
export interface CodeGenerationPromptInput {
  readonly question_content: string;
  /** `""` for stdin problems */
  readonly starter_code: string;
}

/** `get_generic_question_template_answer`, or its `OpenAIReason` twin when `stdinFormat` is the `main()` line. */
function questionTemplate(problem: CodeGenerationPromptInput, stdinFormat: string): string {
  let prompt = `### Question:\n${problem.question_content}\n\n`;
  if (problem.starter_code) {
    prompt += `### Format: ${CODEGEN_FORMAT_WITH_STARTER_CODE}\n`;
    prompt += `\`\`\`python\n${problem.starter_code}\n\`\`\`\n\n`;
  } else {
    prompt += `### Format: ${stdinFormat}\n`;
    prompt += YOUR_CODE_HERE_BLOCK;
  }
  return prompt + ANSWER_LINE;
}

/** One block of `get_base_model_question_template_answer`; `withStarter` follows the real problem. */
function baseExampleBlock(example: FewShotExample, withStarter: boolean): string {
  let prompt = `### Question\n${example.question}\n\n`;
  if (withStarter) prompt += `### Starter Code\n${example.sample_code}\n\n`;
  prompt += `### Answer\n\n${example.answer}`;
  if (example.answer) prompt += '\n\n';
  return prompt;
}

/** `get_base_model_question_template_answer`: one worked example, then the problem with an empty answer. */
function basePrompt(problem: CodeGenerationPromptInput): string {
  const withStarter = problem.starter_code !== '';
  const example = withStarter ? FEW_SHOT_FUNCTIONAL : FEW_SHOT_STDIN;
  const target = { question: problem.question_content, sample_code: problem.starter_code, answer: '' };
  return baseExampleBlock(example, withStarter) + baseExampleBlock(target, withStarter);
}

/** The code-generation prompt of one problem in one style (`format_prompt_generation`). */
export function codeGenerationPrompt(problem: CodeGenerationPromptInput, style: PromptStyle): Prompt {
  if (style === 'GenericBase') return basePrompt(problem);
  // OpenAIReason asks stdin programs for a main() (upstream's format line for its reasoning models)
  const format =
    style === 'OpenAIReason' ? CODEGEN_FORMAT_OAIREASON_MAIN : CODEGEN_FORMAT_WITHOUT_STARTER_CODE;
  return chatPrompt(style, CODEGEN_SYSTEM_MESSAGE, questionTemplate(problem, format));
}

/** Public entry of `prompts/`: LCB's prompt builders for the four scenarios and the style names. */
export { type CodeExecutionPromptInput, codeExecutionPrompt, codeExecutionText } from './code-execution.ts';
export { type CodeGenerationPromptInput, codeGenerationPrompt } from './code-generation.ts';
export { type SelfRepairPromptInput, selfRepairFeedback, selfRepairPrompt } from './self-repair.ts';
export { PROMPT_STYLE_ALIASES, parsePromptStyle, promptAsText } from './style.ts';
export { type TestOutputPromptInput, testOutputPrompt } from './test-output.ts';
export {
  type ChatMessage,
  PROMPT_STYLES,
  type Prompt,
  type PromptOptions,
  type PromptStyle,
  type UpstreamCrashPolicy,
  UpstreamPromptError,
} from './types.ts';

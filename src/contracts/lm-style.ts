/**
 * LCB's model styles (`lcb_runner/lm_styles.py` `LMStyle`): the one list of style names, and the subset
 * hrm-lcb builds prompts for. Styles pick the prompt format (`prompts/`) and the code extraction (`grade/`).
 */
import { z } from 'zod';

/** Every `LMStyle` name upstream defines (conformance cases and extraction take any of them). */
export const LmStyleSchema = z.enum([
  'OpenAIChat',
  'OpenAIReasonPreview',
  'OpenAIReason',
  'Claude',
  'Claude3',
  'Claude3Thinking',
  'Gemini',
  'GeminiThinking',
  'Grok',
  'MistralWeb',
  'CohereCommand',
  'DataBricks',
  'DeepSeekAPI',
  'GenericBase',
  'DeepSeekCodeInstruct',
  'CodeLLaMaInstruct',
  'StarCoderInstruct',
  'CodeQwenInstruct',
  'QwQ',
  'LLaMa3',
  'DeepSeekR1',
  'TogetherAI',
]);
/** One of LCB's model styles. */
export type LmStyle = z.infer<typeof LmStyleSchema>;

/**
 * The styles hrm-lcb builds prompts for, each the way an OpenAI-compatible back-end takes it:
 * - `OpenAIChat`: `[system, user]` messages, the style of every chat model on an OpenAI-compatible server;
 * - `OpenAIReasonPreview`: one user message holding system text + user text, for models without a system role;
 * - `OpenAIReason`: like `OpenAIReasonPreview`, with LCB's `main()` format line for stdin problems;
 * - `GenericBase`: a one-shot completion string for base (non-chat) models.
 */
export const PromptStyleSchema = LmStyleSchema.extract([
  'OpenAIChat',
  'OpenAIReasonPreview',
  'OpenAIReason',
  'GenericBase',
]);
/** One of the styles hrm-lcb builds prompts for. */
export type PromptStyle = z.infer<typeof PromptStyleSchema>;

/** The prompt style names, in `PromptStyleSchema`'s order. */
export const PROMPT_STYLES = PromptStyleSchema.options;

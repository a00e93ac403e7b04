/** Style names as users type them, and a prompt rendered as plain text for logs and reports. */
import { PROMPT_STYLES, type Prompt, type PromptStyle } from './types.ts';

/** Short names accepted by `--prompt-style` beside LCB's own `LMStyle` names. */
export const PROMPT_STYLE_ALIASES: Readonly<Record<string, PromptStyle>> = {
  chat: 'OpenAIChat',
  'single-message': 'OpenAIReasonPreview',
  reasoning: 'OpenAIReason',
  base: 'GenericBase',
};

/** The style named by `name` (an LCB `LMStyle` name or an alias), or `undefined`. */
export function parsePromptStyle(name: string): PromptStyle | undefined {
  if ((PROMPT_STYLES as readonly string[]).includes(name)) return name as PromptStyle;
  return PROMPT_STYLE_ALIASES[name];
}

/** A prompt as one readable text: each chat message under a `[role]` line, or the completion string. */
export function promptAsText(prompt: Prompt): string {
  if (typeof prompt === 'string') return prompt;
  return prompt.map((message) => `[${message.role}]\n${message.content}`).join('\n');
}

/** Style names as users type them, chat prompts per style, and a prompt rendered as plain text. */
import { type ChatMessage, PROMPT_STYLES, type Prompt, type PromptStyle } from './types.ts';

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

/**
 * A chat style's messages for a system text and a user text: `[system, user]` for `OpenAIChat`; one user
 * message `system + "\n\n" + user` for the styles without a system role (upstream's `OpenAIReason*`).
 */
export function chatPrompt(
  style: Exclude<PromptStyle, 'GenericBase'>,
  system: string,
  user: string,
): readonly ChatMessage[] {
  if (style === 'OpenAIChat') {
    return [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ];
  }
  return [{ role: 'user', content: `${system}\n\n${user}` }];
}

/** A prompt as one readable text: each chat message under a `[role]` line, or the completion string. */
export function promptAsText(prompt: Prompt): string {
  if (typeof prompt === 'string') return prompt;
  return prompt.map((message) => `[${message.role}]\n${message.content}`).join('\n');
}

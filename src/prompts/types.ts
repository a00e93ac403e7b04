/**
 * Shapes shared by the prompt builders. A prompt is what upstream LCB's `format_prompt_*` functions return for
 * an OpenAI-compatible back-end: a list of chat messages (chat styles) or one string (base models, sent to a
 * completions endpoint).
 */

// the style names live in contracts/ (one list for prompts, extraction and run configs)
export { PROMPT_STYLES, type PromptStyle } from '../contracts/lm-style.ts';

/** One chat message, as the OpenAI chat API takes it. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** A chat conversation (chat styles) or a raw completion string (base models). */
export type Prompt = readonly ChatMessage[] | string;

/**
 * What a builder does where upstream raises instead of returning a prompt:
 * - `throw`: raise `UpstreamPromptError` with upstream's exception text (used by the conformance check);
 * - `recover`: return the documented prompt hrm-lcb uses instead (docs/evaluate.md, "Where upstream crashes").
 */
export type UpstreamCrashPolicy = 'throw' | 'recover';

/** Options every builder takes. */
export interface PromptOptions {
  /** default `recover` */
  readonly onUpstreamCrash?: UpstreamCrashPolicy;
}

/**
 * Upstream LCB raises here for this input; `pythonError` is `"<ExceptionType>: <message>"` exactly as
 * CPython prints it (e.g. `KeyError: 'inputs'`).
 */
export class UpstreamPromptError extends Error {
  readonly pythonError: string;
  constructor(pythonError: string) {
    super(`upstream LCB raises ${pythonError}`);
    this.name = 'UpstreamPromptError';
    this.pythonError = pythonError;
  }
}

/** Raise upstream's exception under `throw`; tell the caller to recover otherwise. */
export function upstreamCrash(options: PromptOptions | undefined, pythonError: string): void {
  if ((options?.onUpstreamCrash ?? 'recover') === 'throw') throw new UpstreamPromptError(pythonError);
}

/**
 * When to try a failed model call again, and after how long: a pure policy (clock and random source passed
 * in). Exponential back-off with full jitter, never shorter than what the server asked for (Retry-After).
 */
import type { ModelError } from './errors.ts';

/** first back-off step */
export const RETRY_BASE_DELAY_MS = 1_000;
/** largest back-off step we pick ourselves */
export const RETRY_MAX_DELAY_MS = 60_000;
/** largest Retry-After we honour; a server asking for more is treated as asking for this */
export const RETRY_AFTER_CAP_MS = 300_000;

/**
 * The delay a server asked for, ms: `retry-after-ms` (OpenAI's extension), else `Retry-After` as seconds or an
 * HTTP date. `undefined` when absent or unreadable.
 */
export function parseRetryAfter(
  header: (name: string) => string | null | undefined,
  nowMs: number,
): number | undefined {
  const ms = header('retry-after-ms');
  if (ms !== null && ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) {
    return Math.min(Number(ms), RETRY_AFTER_CAP_MS);
  }
  const value = header('retry-after')?.trim();
  if (value === undefined || value === null || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.min(Number(value) * 1000, RETRY_AFTER_CAP_MS);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - nowMs), RETRY_AFTER_CAP_MS);
}

/** Whether attempt number `attempt` (1-based, just failed with `error`) may be followed by another. */
export function shouldRetry(error: ModelError, attempt: number, maxAttempts: number): boolean {
  return error.retryable && attempt < maxAttempts;
}

/**
 * How long to wait after failed attempt `attempt` (1-based): a uniform draw in [0, min(max, base·2^(attempt-1))]
 * ("full jitter"), raised to the server's Retry-After when it gave one.
 */
export function retryDelayMs(error: ModelError, attempt: number, random: () => number): number {
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, error.retryAfterMs ?? 0);
}

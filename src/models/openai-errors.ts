/** The edge where `openai` SDK failures become typed `ModelError`s (the only place that looks at them). */
import OpenAI from 'openai';
import { kindOfStatus, ModelError } from './errors.ts';
import { parseRetryAfter } from './retry-policy.ts';

/** Classify anything the SDK call threw. */
export function modelErrorFromOpenAi(error: unknown, nowMs: number): ModelError {
  if (error instanceof ModelError) return error;
  if (error instanceof OpenAI.APIUserAbortError)
    return new ModelError('aborted', 'request aborted', { cause: error });
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ModelError('timeout', 'request timed out', { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const detail = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new ModelError('network', `connection failed${detail}`, { cause: error });
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const headers = error.headers;
    const retryAfterMs =
      headers === undefined ? undefined : parseRetryAfter((name) => headers.get(name), nowMs);
    return new ModelError(kindOfStatus(error.status), `HTTP ${error.status}: ${error.message}`, {
      status: error.status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new ModelError('malformed-response', `response is not JSON: ${error.message}`, { cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new ModelError('aborted', 'request aborted', { cause: error });
  }
  throw error; // not a failure of the call: a bug, let it surface
}

/**
 * Typed model failures. Every back-end maps what went wrong to one `ModelErrorKind` once, at its edge; retry
 * and reporting switch on the kind, never on message text.
 */

/** What kind of failure a model call ended in. */
export type ModelErrorKind =
  /** HTTP 429: too many requests; back off, honour Retry-After */
  | 'rate-limit'
  /** HTTP 5xx (and 408/409): the server failed; retry with back-off */
  | 'server'
  /** the request timed out */
  | 'timeout'
  /** connection refused, reset, DNS failure */
  | 'network'
  /** a 2xx whose body is not a completion (bad JSON, missing choices, wrong shape) */
  | 'malformed-response'
  /** HTTP 401/403: bad or missing key; not retryable */
  | 'auth'
  /** HTTP 400/404/422: the request itself is wrong (unknown model, prompt too long); not retryable */
  | 'bad-request'
  /** a table back-end (replay, oracle) has no answer for this problem; not retryable */
  | 'no-answer'
  /** the caller aborted (interrupt) */
  | 'aborted';

const RETRYABLE: ReadonlySet<ModelErrorKind> = new Set([
  'rate-limit',
  'server',
  'timeout',
  'network',
  'malformed-response',
]);

/** A failed model call, classified. */
export class ModelError extends Error {
  readonly kind: ModelErrorKind;
  /** HTTP status when there was one */
  readonly status: number | undefined;
  /** server-requested delay before the next attempt, ms (Retry-After / retry-after-ms) */
  readonly retryAfterMs: number | undefined;
  constructor(
    kind: ModelErrorKind,
    message: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ModelError';
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
  /** whether trying again may succeed */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

/** The kind for an HTTP status. */
export function kindOfStatus(status: number): ModelErrorKind {
  if (status === 429) return 'rate-limit';
  if (status === 401 || status === 403) return 'auth';
  if (status === 408 || status === 409 || status >= 500) return 'server';
  return 'bad-request';
}

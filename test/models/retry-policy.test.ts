import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ModelError } from '../../src/models/errors.ts';
import {
  parseRetryAfter,
  RETRY_AFTER_CAP_MS,
  RETRY_MAX_DELAY_MS,
  retryDelayMs,
  shouldRetry,
} from '../../src/models/retry-policy.ts';

const headers = (values: Record<string, string>) => (name: string) => values[name];

it('reads retry-after-ms, Retry-After seconds and Retry-After dates', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(parseRetryAfter(headers({ 'retry-after-ms': '250' }), now), 250);
  assert.equal(parseRetryAfter(headers({ 'retry-after': '3' }), now), 3_000);
  assert.equal(parseRetryAfter(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' }), now), 7_000);
  assert.equal(parseRetryAfter(headers({ 'retry-after': 'Tue, 31 Dec 2024 00:00:00 GMT' }), now), 0);
  assert.equal(parseRetryAfter(headers({ 'retry-after': '86400' }), now), RETRY_AFTER_CAP_MS);
  assert.equal(parseRetryAfter(headers({ 'retry-after': 'soon' }), now), undefined);
  assert.equal(parseRetryAfter(headers({}), now), undefined);
});

it('backs off exponentially with full jitter, capped, and never below the server Retry-After', () => {
  const server = new ModelError('server', 'x');
  assert.equal(
    retryDelayMs(server, 1, () => 0.5),
    500,
  );
  assert.equal(
    retryDelayMs(server, 3, () => 0.5),
    2_000,
  );
  assert.equal(
    retryDelayMs(server, 30, () => 0.999999),
    RETRY_MAX_DELAY_MS - 1,
  );
  const limited = new ModelError('rate-limit', 'x', { retryAfterMs: 4_000 });
  assert.equal(
    retryDelayMs(limited, 1, () => 0),
    4_000,
  );
});

it('retries only retryable kinds, up to the attempt budget', () => {
  assert.equal(shouldRetry(new ModelError('rate-limit', 'x'), 1, 3), true);
  assert.equal(shouldRetry(new ModelError('rate-limit', 'x'), 3, 3), false);
  assert.equal(shouldRetry(new ModelError('auth', 'x'), 1, 3), false);
  assert.equal(shouldRetry(new ModelError('no-answer', 'x'), 1, 3), false);
});

/**
 * How many model requests may be in flight: additive increase, multiplicative decrease. A 429 or 5xx halves
 * the limit and closes a shared gate until the back-off has passed, so every request pauses (not only the
 * one that was refused); `SUCCESS_STREAK_TO_GROW` successes in a row raise the limit by one, up to the
 * configured maximum. Example with max 8: 429 → 4 in flight, gate closed for Retry-After; 10 successes → 5.
 *
 * Invariant: every request goes through `run`, which waits for the gate and then for a p-limit slot; the
 * limit is changed only through p-limit's `concurrency` setter, which starts queued tasks when it grows.
 */
import pLimit, { type LimitFunction } from 'p-limit';

/** successes in a row before the limit grows by one */
export const SUCCESS_STREAK_TO_GROW = 10;

/** A clock the scheduler reads and sleeps on (tests pass a fake). */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The process clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** The adaptive limit of one model back-end. */
export class AdaptiveConcurrency {
  readonly max: number;
  private readonly limit: LimitFunction;
  private readonly clock: Clock;
  private gateOpensAt = 0;
  private streak = 0;

  constructor(max: number, clock: Clock) {
    this.max = max;
    this.clock = clock;
    this.limit = pLimit(max);
  }

  /** the current limit */
  get concurrency(): number {
    return this.limit.concurrency;
  }

  /** requests running now */
  get active(): number {
    return this.limit.activeCount;
  }

  /** Run `task` once the gate is open and a slot is free. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.limit(async () => {
      for (
        let wait = this.gateOpensAt - this.clock.now();
        wait > 0;
        wait = this.gateOpensAt - this.clock.now()
      ) {
        await this.clock.sleep(wait, signal);
      }
      return task();
    });
  }

  /** The server refused or failed: halve the limit and hold every request for `backoffMs`. */
  overloaded(backoffMs: number): void {
    this.streak = 0;
    this.limit.concurrency = Math.max(1, Math.floor(this.limit.concurrency / 2));
    this.gateOpensAt = Math.max(this.gateOpensAt, this.clock.now() + backoffMs);
  }

  /** A call succeeded: grow back by one after a streak of successes. */
  succeeded(): void {
    this.streak += 1;
    if (this.streak >= SUCCESS_STREAK_TO_GROW && this.limit.concurrency < this.max) {
      this.streak = 0;
      this.limit.concurrency += 1;
    }
  }
}

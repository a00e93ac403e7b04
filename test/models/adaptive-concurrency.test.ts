import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  AdaptiveConcurrency,
  type Clock,
  SUCCESS_STREAK_TO_GROW,
} from '../../src/models/adaptive-concurrency.ts';

/** A clock whose sleeps resolve when the test advances time. */
function fakeClock(): Clock & { advance(ms: number): Promise<void> } {
  let now = 0;
  const sleepers: { until: number; resolve: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((resolve) => sleepers.push({ until: now + ms, resolve })),
    async advance(ms) {
      now += ms;
      for (const sleeper of sleepers.splice(0)) {
        if (sleeper.until <= now) sleeper.resolve();
        else sleepers.push(sleeper);
      }
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

it('keeps exactly `max` of 100 requests in flight and queues the rest', async () => {
  const limiter = new AdaptiveConcurrency(5, fakeClock());
  const gates = Array.from({ length: 100 }, deferred);
  let running = 0;
  let peak = 0;
  const all = gates.map((gate) =>
    limiter.run(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await gate.promise;
      running -= 1;
    }),
  );
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(limiter.active, 5);
  assert.equal(running, 5);
  for (const gate of gates) gate.resolve();
  await Promise.all(all);
  assert.equal(peak, 5);
});

it('halves the limit on overload, holds every request until the back-off passes, then grows back', async () => {
  const clock = fakeClock();
  const limiter = new AdaptiveConcurrency(8, clock);
  limiter.overloaded(1_000);
  assert.equal(limiter.concurrency, 4);
  let started = 0;
  const task = limiter.run(async () => {
    started += 1;
  });
  await clock.advance(999);
  assert.equal(started, 0);
  await clock.advance(1);
  await task;
  assert.equal(started, 1);
  limiter.overloaded(0);
  limiter.overloaded(0);
  limiter.overloaded(0);
  assert.equal(limiter.concurrency, 1);
  for (let i = 0; i < SUCCESS_STREAK_TO_GROW - 1; i += 1) limiter.succeeded();
  assert.equal(limiter.concurrency, 1);
  limiter.succeeded();
  assert.equal(limiter.concurrency, 2);
  for (let i = 0; i < SUCCESS_STREAK_TO_GROW * 20; i += 1) limiter.succeeded();
  assert.equal(limiter.concurrency, 8);
});

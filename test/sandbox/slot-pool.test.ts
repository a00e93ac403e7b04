import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlotPool } from '../../src/sandbox/slot-pool.ts';

interface FakeSlot {
  id: number;
  warm: string;
}

describe('SlotPool', () => {
  it('never hands out more slots than it has, under 100 concurrent callers, and serves them in order', async () => {
    const pool = new SlotPool<FakeSlot, string>([
      { id: 0, warm: 'lcb' },
      { id: 1, warm: 'lcb' },
    ]);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const finished: number[] = [];
    await Promise.all(
      Array.from({ length: 100 }, async (_, caller) => {
        const slot = await pool.acquire('lcb');
        started.push(caller);
        active++;
        peak = Math.max(peak, active);
        assert.ok(pool.active <= 2);
        await new Promise((resolve) => setImmediate(resolve));
        active--;
        finished.push(slot.id);
        pool.release(slot);
      }),
    );
    assert.equal(peak, 2);
    assert.deepEqual(
      started,
      Array.from({ length: 100 }, (_, i) => i),
    );
    assert.equal(pool.active, 0);
    assert.equal(pool.queued, 0);
  });

  it('queues callers while every slot is taken and hands a released slot to the oldest', async () => {
    const slots = [{ id: 0, warm: '' }];
    const pool = new SlotPool<FakeSlot, string>(slots);
    const first = await pool.acquire('a');
    const order: string[] = [];
    const second = pool.acquire('b').then((s) => {
      order.push('b');
      return s;
    });
    const third = pool.acquire('c').then((s) => {
      order.push('c');
      return s;
    });
    assert.equal(pool.queued, 2);
    pool.release(first);
    pool.release(await second);
    await third;
    assert.deepEqual(order, ['b', 'c']);
  });

  it('prefers a free slot warm for the key', async () => {
    const pool = new SlotPool<FakeSlot, string>(
      [
        { id: 0, warm: 'lcb' },
        { id: 1, warm: 'scientific' },
      ],
      (slot, key) => slot.warm === key,
    );
    assert.equal((await pool.acquire('scientific')).id, 1);
    assert.equal((await pool.acquire('scientific')).id, 0);
  });

  it('honours a restriction to given slots, also for waiters', async () => {
    const slots = [
      { id: 0, warm: '' },
      { id: 1, warm: '' },
    ];
    const pool = new SlotPool<FakeSlot, string>(slots);
    const zero = await pool.acquire('x', (s) => s.id === 0);
    assert.equal(zero.id, 0);
    const waiting = pool.acquire('x', (s) => s.id === 0);
    const one = await pool.acquire('x');
    assert.equal(one.id, 1);
    pool.release(one); // not acceptable to the waiter: goes back to the free list
    assert.equal(pool.queued, 1);
    pool.release(zero);
    assert.equal((await waiting).id, 0);
  });

  it('fails waiters and new callers once closed', async () => {
    const pool = new SlotPool<FakeSlot, string>([{ id: 0, warm: '' }]);
    await pool.acquire('x');
    const waiting = pool.acquire('x');
    pool.close('closed for the test');
    await assert.rejects(waiting, /closed for the test/);
    await assert.rejects(pool.acquire('x'), /closed for the test/);
  });
});

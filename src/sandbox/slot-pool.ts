/**
 * Hands out a fixed set of slots, one run per slot at a time, to callers in arrival order.
 *
 * Invariant (the critical section): every allocation goes through `acquire` or `release`, and each of
 * them finds a free slot and marks it taken in one synchronous step, with no `await` in between. So at
 * most `size` slots are ever taken, a slot is never handed to two callers, and waiters are served first
 * come, first served: a freed slot goes straight to the oldest waiter that accepts it, never back to the
 * free list while such a waiter exists.
 */

interface Waiter<S> {
  accepts: (slot: S) => boolean;
  resolve: (slot: S) => void;
  reject: (error: Error) => void;
}

/** A FIFO pool of slots; `prefer` picks, among free slots, one already warm for the request's key. */
export class SlotPool<S, K> {
  private readonly free: S[];
  private readonly waiters: Waiter<S>[] = [];
  private closedReason: string | undefined;

  constructor(
    slots: readonly S[],
    private readonly prefer: (slot: S, key: K) => boolean = () => false,
  ) {
    this.free = [...slots];
    this.size = slots.length;
  }

  /** How many slots the pool has. */
  readonly size: number;

  /** Slots taken right now. */
  get active(): number {
    return this.size - this.free.length;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.waiters.length;
  }

  /**
   * Take a free slot, preferring one warm for `key`, or wait for the next one released. `only` restricts
   * which slots will do (diagnostics that must run on one given slot).
   */
  acquire(key: K, only: (slot: S) => boolean = () => true): Promise<S> {
    if (this.closedReason !== undefined) return Promise.reject(new Error(this.closedReason));
    const usable = this.free.filter(only);
    if (usable.length > 0) {
      const slot = usable.find((candidate) => this.prefer(candidate, key)) ?? usable[0]!;
      this.free.splice(this.free.indexOf(slot), 1);
      return Promise.resolve(slot);
    }
    return new Promise<S>((resolve, reject) => this.waiters.push({ accepts: only, resolve, reject }));
  }

  /** Give a slot back: to the oldest waiter that accepts it if there is one, else to the free list. */
  release(slot: S): void {
    const index = this.waiters.findIndex((waiter) => waiter.accepts(slot));
    if (index === -1) {
      this.free.push(slot);
      return;
    }
    const [next] = this.waiters.splice(index, 1);
    next!.resolve(slot);
  }

  /** Refuse new callers and fail every waiter with `reason`. */
  close(reason: string): void {
    this.closedReason = reason;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error(reason));
  }
}

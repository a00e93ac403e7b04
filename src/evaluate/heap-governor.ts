/**
 * Keep a long run's memory bounded. V8 sizes its heap for throughput: on a machine with a lot of RAM it lets
 * garbage pile up to several times the live data before a full collection, so a 100,000-sample run whose
 * live data is ~100 MB peaked between 450 and 590 MB RSS from one run to the next. Every
 * `HEAP_CHECK_INTERVAL_MS` the governor looks at the heap and, when it holds more than
 * `max(HEAP_SOFT_LIMIT_BYTES, 2 × the live size after the last collection)`, asks V8 for a full collection
 * (tens of ms at these sizes, a few percent of a run). Live data above the limit is never a problem: the
 * threshold follows it, so the governor cannot thrash, and it never caps what the run may use.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** how often the heap is looked at */
export const HEAP_CHECK_INTERVAL_MS = 1_000;
/** heap size below which the governor never collects */
export const HEAP_SOFT_LIMIT_BYTES = 160 * 1024 * 1024;

let collect: (() => void) | null | undefined;

/** V8's full collection, reachable without `--expose-gc` on the command line; null if unavailable. */
function fullCollection(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose_gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** The collection decision, pure: collect when the heap passes the soft limit and twice the last live size. */
export function shouldCollect(usedBytes: number, liveAfterLastBytes: number): boolean {
  return usedBytes > Math.max(HEAP_SOFT_LIMIT_BYTES, 2 * liveAfterLastBytes);
}

/** Start governing the heap until `stop` is called. */
export function startHeapGovernor(): { stop(): void; collections: () => number } {
  const gc = fullCollection();
  let live = 0;
  let collections = 0;
  const timer = setInterval(() => {
    if (gc === null) return;
    if (!shouldCollect(v8.getHeapStatistics().used_heap_size, live)) return;
    gc();
    collections += 1;
    live = v8.getHeapStatistics().used_heap_size;
  }, HEAP_CHECK_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), collections: () => collections };
}

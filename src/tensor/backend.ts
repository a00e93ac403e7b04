/**
 * Which kernel table runs: the native addon (OpenBLAS sgemm plus fused, threaded C kernels) when it
 * loads, the pure-TypeScript reference otherwise. `HRM_LCB_BACKEND=ts` forces the reference,
 * `HRM_LCB_BACKEND=native` makes a missing addon an error instead of a silent fallback. Both backends
 * have the same semantics; the native one is faster. `describeBackend()` says which one is active.
 */
import type { Kernels } from './kernels.ts';
import { loadNative, type NativeAddon } from './native.ts';
import { referenceKernels } from './reference/index.ts';

/** The two implementations of the op table. */
export type BackendName = 'native' | 'ts';

/** An active kernel table and what it runs on. */
export interface Backend {
  name: BackendName;
  kernels: Kernels;
  /** worker threads the kernels use (1 for the TS backend) */
  threads: number;
  /** one line for logs: backend, threads, BLAS */
  detail: string;
}

/** Names accepted by HRM_LCB_BACKEND. */
export const BACKEND_ENV = 'HRM_LCB_BACKEND';

const tsBackend: Backend = {
  name: 'ts',
  kernels: referenceKernels,
  threads: 1,
  detail: 'ts (pure TypeScript reference kernels, 1 thread)',
};

let active: Backend | undefined;
let nativeCache: { addon: NativeAddon; backend: Backend } | { error: string } | undefined;

/** the active backend, chosen on first use from HRM_LCB_BACKEND (default: native if it loads, else ts) */
export function backend(): Backend {
  active ??= selectFromEnv(process.env[BACKEND_ENV]);
  return active;
}

/** the active backend's kernel table (the hot-path entry point: `kernels().gemm(...)`) */
export function kernels(): Kernels {
  return (active ?? backend()).kernels;
}

/** switches the active backend; 'native' throws when the addon cannot be loaded */
export function useBackend(name: BackendName): Backend {
  active = name === 'ts' ? tsBackend : requireNative();
  return active;
}

/** the native backend if its addon loads, else undefined (tests use this to run both backends) */
export function nativeBackend(): Backend | undefined {
  const loaded = tryNative();
  return 'backend' in loaded ? loaded.backend : undefined;
}

/** why the native addon did not load, or undefined when it did */
export function nativeLoadError(): string | undefined {
  const loaded = tryNative();
  return 'error' in loaded ? loaded.error : undefined;
}

/** sets the native kernels' worker threads (≥ 1; sgemm and the fused kernels share one pool) */
export function setThreads(threads: number): void {
  const loaded = tryNative();
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`setThreads: ${threads} is not an integer ≥ 1`);
  if ('addon' in loaded) {
    loaded.addon.setThreads(threads);
    loaded.backend.threads = threads;
    loaded.backend.detail = nativeDetail(loaded.addon);
  }
}

/** one line naming the active backend, e.g. for a run's log header */
export function describeBackend(): string {
  return backend().detail;
}

function selectFromEnv(value: string | undefined): Backend {
  if (value === undefined || value === '' || value === 'auto') {
    const loaded = tryNative();
    return 'backend' in loaded ? loaded.backend : tsBackend;
  }
  if (value === 'ts') return tsBackend;
  if (value === 'native') return requireNative();
  throw new RangeError(`${BACKEND_ENV}=${value}: expected "native", "ts" or "auto"`);
}

function requireNative(): Backend {
  const loaded = tryNative();
  if ('error' in loaded) throw new Error(`native tensor backend unavailable: ${loaded.error}`);
  return loaded.backend;
}

function tryNative(): { addon: NativeAddon; backend: Backend } | { error: string } {
  if (nativeCache === undefined) {
    const loaded = loadNative();
    nativeCache =
      'error' in loaded
        ? loaded
        : {
            addon: loaded.addon,
            backend: {
              name: 'native',
              kernels: loaded.kernels,
              threads: loaded.addon.getThreads(),
              detail: nativeDetail(loaded.addon),
            },
          };
  }
  return nativeCache;
}

function nativeDetail(addon: NativeAddon): string {
  return `native (${addon.getThreads()} thread(s), ${addon.blasInfo()}, kernels ${addon.simdLevel()})`;
}

/**
 * Loads the native addon (`native/*.c`, built by node-gyp into build/Release/hrm_tensor.node when
 * `npm install` / `npm ci` runs). Its exports are the kernel table itself, called without a TS wrapper so
 * that tiny shapes pay only the N-API call; the C side checks every argument (types, lengths, shapes) and
 * throws TypeError/RangeError naming the argument instead of touching memory it does not own.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import type { Kernels } from './kernels.ts';

/** Path of the compiled addon, relative to the repository root. */
export const ADDON_PATH = fileURLToPath(new URL('../../build/Release/hrm_tensor.node', import.meta.url));

/** The addon's exports: every kernel plus thread control and build information. */
export interface NativeAddon extends Kernels {
  /** size of the kernel thread pool (the caller's thread counts as one) */
  setThreads(threads: number): void;
  /** current size of the kernel thread pool */
  getThreads(): number;
  /** the BLAS library and its configuration, e.g. "OpenBLAS 0.3.21 ... Cooperlake" */
  blasInfo(): string;
  /** the instruction set the fused kernels dispatched to at load: "avx512", "avx2" or "generic" */
  simdLevel(): string;
}

/** loads the addon and sizes its thread pool, or says why it could not be loaded */
export function loadNative(): { addon: NativeAddon; kernels: Kernels } | { error: string } {
  let addon: NativeAddon;
  try {
    addon = createRequire(import.meta.url)(ADDON_PATH) as NativeAddon;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      error: `${reason} (build it with \`npm install\`, which runs node-gyp offline and needs libopenblas-dev)`,
    };
  }
  // the pool is process-wide: JS worker threads use it as the main thread sized it
  if (isMainThread) addon.setThreads(defaultThreads());
  return { addon, kernels: addon };
}

/** HRM_LCB_THREADS, else OPENBLAS_NUM_THREADS, else the cores this process may use */
export function defaultThreads(): number {
  for (const name of ['HRM_LCB_THREADS', 'OPENBLAS_NUM_THREADS']) {
    const value = process.env[name];
    if (value === undefined || value === '') continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name}=${value}: expected an integer ≥ 1`);
    return n;
  }
  return availableParallelism();
}

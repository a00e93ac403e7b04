/**
 * The policy for creating a sandbox: probe the machine; use bubblewrap when it works; refuse to run
 * untrusted code when it does not, unless the user explicitly passed the unsafe opt-in, which is then
 * announced loudly. Never a silent fallback.
 */

import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentError, UserError } from '../core/errors.ts';
import {
  DEFAULT_MAX_RUNS_PER_SERVER,
  DEFAULT_SHM_BYTES,
  DEFAULT_TMP_BYTES,
  type LaunchSettings,
  slotIdentity,
} from './launch.ts';
import { DEFAULT_LIMITS, resolveLimits } from './limits.ts';
import { DEFAULT_PYTHON, type ProbeReport, probeSandbox } from './probe.ts';
import { SandboxPool } from './sandbox-pool.ts';
import type { SandboxLimits } from './types.ts';

/** Upper bound on slots, far above any machine's useful parallelism. */
export const MAX_SLOTS = 1024;

/** How to build a sandbox; every field has a default. */
export interface SandboxOptions {
  /** parallel slots; default `os.availableParallelism()` */
  slots?: number;
  /** run without isolation (plain processes + rlimits + group kill + caps); loudly announced */
  unsafeNoSandbox?: boolean;
  /** defaults of every run, over `DEFAULT_LIMITS` */
  limits?: Partial<SandboxLimits>;
  /** size of each slot's private /tmp, in bytes */
  tmpBytes?: number;
  /** a fork-server is replaced after this many runs */
  maxRunsPerServer?: number;
  pythonPath?: string;
  bwrapPath?: string;
  /** where the unsafe-mode warning goes (default: stderr) */
  warn?: (text: string) => void;
}

/** The warning printed whenever untrusted code will run without the sandbox. */
function unsafeWarning(probe: ProbeReport): string {
  const why = probe.ok
    ? 'bubblewrap works on this machine; drop --unsafe-no-sandbox to isolate runs'
    : `the sandbox is unavailable: ${probe.problem ?? 'unknown reason'}`;
  return [
    '!!! WARNING: --unsafe-no-sandbox: model-written code runs WITHOUT isolation.',
    '!!! Still enforced: kernel limits (memory, CPU, processes, file size, open files), the wall timer,',
    '!!! output caps, and killing every process a run starts. NOT contained: network access, reading',
    '!!! your files, writing to /tmp, /var/tmp, /dev/shm and wherever the user may write, and signals',
    '!!! to your other processes. See docs/sandbox.md.',
    `!!! (${why})`,
  ].join('\n');
}

function checkSlots(slots: number): number {
  if (!Number.isInteger(slots) || slots < 1 || slots > MAX_SLOTS) {
    throw new UserError(`sandbox slots must be a whole number from 1 to ${MAX_SLOTS}; got ${slots}`);
  }
  return slots;
}

/** Unsafe mode: one private directory per slot, owned by the slot's uid, as its runs' working directory. */
function makeUnsafeWorkDirs(slots: number): string {
  const root = mkdtempSync(join(tmpdir(), 'hrm-lcb-sandbox-'));
  chmodSync(root, 0o711);
  process.once('exit', () => rmSync(root, { recursive: true, force: true })); // when close() never ran
  for (let index = 0; index < slots; index++) {
    const dir = join(root, `slot-${index}`);
    mkdirSync(dir, { mode: 0o700 });
    const { uid, gid } = slotIdentity(index);
    if (uid !== undefined && gid !== undefined) chownSync(dir, uid, gid);
  }
  return root;
}

/**
 * Create a sandbox pool. Throws an EnvironmentError, naming the cause and the fix, when bubblewrap
 * cannot isolate runs on this machine and the unsafe opt-in was not given.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<SandboxPool> {
  const slots = checkSlots(options.slots ?? availableParallelism());
  const defaults = resolveLimits(DEFAULT_LIMITS, options.limits);
  const probe = await probeSandbox({
    pythonPath: options.pythonPath ?? DEFAULT_PYTHON,
    ...(options.bwrapPath === undefined ? {} : { bwrapPath: options.bwrapPath }),
  });
  const settings: LaunchSettings = {
    mode: 'bwrap',
    pythonPath: probe.pythonPath,
    bwrapPath: probe.bwrapPath ?? 'bwrap',
    tmpBytes: options.tmpBytes ?? DEFAULT_TMP_BYTES,
    shmBytes: DEFAULT_SHM_BYTES,
    maxRunsPerServer: options.maxRunsPerServer ?? DEFAULT_MAX_RUNS_PER_SERVER,
  };
  if (options.unsafeNoSandbox === true) {
    if (probe.cause === 'python-missing') throw new EnvironmentError(probe.problem!, probe.hint);
    (options.warn ?? ((text) => process.stderr.write(`${text}\n`)))(unsafeWarning(probe));
    const unsafe = {
      ...settings,
      mode: 'unsafe-no-sandbox' as const,
      unsafeWorkRoot: makeUnsafeWorkDirs(slots),
    };
    return new SandboxPool(unsafe, slots, defaults, probe);
  }
  if (!probe.ok) throw new EnvironmentError(probe.problem ?? 'the sandbox cannot be created', probe.hint);
  return new SandboxPool(settings, slots, defaults, probe);
}

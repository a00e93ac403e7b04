/**
 * How each slot's fork-server is started: inside bubblewrap as the slot's own host uid (when Node runs
 * as root), or, only with the explicit unsafe opt-in, as a plain process in a private work directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { bwrapArgs, SANDBOX_ENV } from './bwrap.ts';
import type { ServerLaunch } from './fork-server.ts';
import { PROFILE_MODULES } from './profiles.ts';
import type { SandboxMode, SandboxProfile } from './types.ts';

/** Host uid of slot 0 when Node runs as root; slot i runs as uid (and gid) base + i. */
export const SLOT_UID_BASE = 61000;
/** Size of each slot's private /tmp. */
export const DEFAULT_TMP_BYTES = 256 * 1024 * 1024;
/** Size of each slot's private /dev/shm. */
export const DEFAULT_SHM_BYTES = 64 * 1024 * 1024;
/** A server is replaced after this many runs, bounding whatever state it could accumulate. */
export const DEFAULT_MAX_RUNS_PER_SERVER = 20_000;

/** Machine-level settings shared by every slot of a sandbox. */
export interface LaunchSettings {
  mode: SandboxMode;
  pythonPath: string;
  bwrapPath: string;
  tmpBytes: number;
  shmBytes: number;
  maxRunsPerServer: number;
  /** unsafe mode: the slots' private work directories live under here */
  unsafeWorkRoot?: string;
}

/** The host identity a slot runs as: its own uid when we are root, else our own (no uid/gid given). */
export function slotIdentity(index: number): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  return { uid: SLOT_UID_BASE + index, gid: SLOT_UID_BASE + index };
}

/** The Python modules a fork-server is made of, in src/sandbox/python/. */
const SERVER_MODULES = ['hrm_sandbox', 'sandbox_kernel', 'sandbox_sweep', 'sandbox_child', 'forkserver'];

let serverSources: { bootstrap: string; modules: string } | undefined;

/** The bootstrap program and the JSON of every module's source (read once). */
function sources(): { bootstrap: string; modules: string } {
  const read = (name: string) => readFileSync(new URL(`./python/${name}.py`, import.meta.url), 'utf8');
  serverSources ??= {
    bootstrap: read('bootstrap'),
    modules: JSON.stringify(Object.fromEntries(SERVER_MODULES.map((name) => [name, read(name)]))),
  };
  return serverSources;
}

/** The python command line of a fork-server for `profile`. */
function serverCommand(settings: LaunchSettings, profile: SandboxProfile, workDir: string): string[] {
  const isolated = settings.mode === 'bwrap';
  const config = {
    profile,
    preload: PROFILE_MODULES[profile],
    isolated,
    runDir: workDir,
    wipeDirs: isolated ? ['/tmp', '/dev/shm'] : [workDir],
    maxRuns: settings.maxRunsPerServer,
    nprocRelative: !isolated,
  };
  const { bootstrap, modules } = sources();
  return [settings.pythonPath, '-I', '-B', '-c', bootstrap, JSON.stringify(config), modules];
}

/** How to start slot `index`'s fork-server for `profile`. */
export function serverLaunch(settings: LaunchSettings, index: number, profile: SandboxProfile): ServerLaunch {
  const identity = slotIdentity(index);
  if (settings.mode === 'bwrap') {
    const command = serverCommand(settings, profile, '/tmp');
    const plan = { tmpBytes: settings.tmpBytes, shmBytes: settings.shmBytes, command };
    return { command: settings.bwrapPath, args: bwrapArgs(plan, existsSync), env: {}, cwd: '/', ...identity };
  }
  const workDir = `${settings.unsafeWorkRoot}/slot-${index}`;
  const [command, ...args] = serverCommand(settings, profile, workDir);
  const env = { ...SANDBOX_ENV, HOME: workDir, TMPDIR: workDir };
  return { command: command!, args, env, cwd: workDir, ...identity };
}

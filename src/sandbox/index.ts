/** The sandbox room's public surface: create a pool, run programs, probe the machine. */
export { createSandbox, MAX_SLOTS, type SandboxOptions } from './create.ts';
export { DEFAULT_LIMITS, resolveLimits } from './limits.ts';
export { DEFAULT_PYTHON, type ProbeReport, probeSandbox } from './probe.ts';
export { PROFILES } from './profiles.ts';
export type { SandboxPool } from './sandbox-pool.ts';
export type {
  RunRequest,
  RunResult,
  RunStatus,
  Sandbox,
  SandboxLimits,
  SandboxMode,
  SandboxProfile,
} from './types.ts';

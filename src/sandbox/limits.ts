/**
 * Default limits of a run and how a request's overrides are resolved against them. One place for every
 * number the sandbox enforces; units are in the names.
 */
import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { allIssues } from '../core/zod-issues.ts';
import type { SandboxLimits } from './types.ts';

const KIB = 1024;
const MIB = 1024 * KIB;
const GIB = 1024 * MIB;

/** LCB's default per-test timeout is 6 s (`--timeout 6`). */
const DEFAULT_WALL_MS = 6000;
/** RLIMIT_CPU allows this much more than the wall limit, so the wall timer normally fires first. */
export const CPU_MARGIN_MS = 1000;
/**
 * The stack can grow this far: the kernel keeps at least 128 MiB free below the stack of a process started
 * with the default 8 MiB RLIMIT_STACK, so a larger limit set after start-up is usable up to about here.
 */
export const MAX_STACK_BYTES = 112 * MIB;

/** The limits every run gets unless the sandbox or the request overrides them. */
export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  wallMs: DEFAULT_WALL_MS,
  cpuMs: DEFAULT_WALL_MS + CPU_MARGIN_MS,
  memoryBytes: 2 * GIB,
  processes: 64,
  fileBytes: 64 * MIB,
  openFiles: 64,
  stdoutBytes: 16 * MIB,
  stderrBytes: 1 * MIB,
  messageBytes: 64 * MIB,
  stackBytes: 64 * MIB,
});

/** Room the interpreter itself needs under RLIMIT_AS (a forked server with numpy and pandas maps ~130 MiB). */
const MIN_MEMORY_BYTES = 256 * MIB;

const count = (min: number, max: number) => z.number().int().min(min).max(max);

const limitsSchema = z.strictObject({
  wallMs: count(1, 24 * 3600 * 1000),
  cpuMs: count(1, 24 * 3600 * 1000),
  memoryBytes: count(MIN_MEMORY_BYTES, 2 ** 50),
  processes: count(4, 1 << 20),
  fileBytes: count(0, 2 ** 50),
  openFiles: count(16, 1 << 20),
  stdoutBytes: count(0, 2 ** 40),
  stderrBytes: count(0, 2 ** 40),
  messageBytes: count(0, 2 ** 40),
  stackBytes: count(1 * MIB, MAX_STACK_BYTES),
});

/**
 * Resolve overrides over a base. When the wall limit is overridden and the CPU limit is not, the CPU
 * limit follows it (wall + 1 s). Throws a UserError naming the bad field.
 */
export function resolveLimits(
  base: Readonly<SandboxLimits>,
  overrides: Partial<SandboxLimits> | undefined,
): SandboxLimits {
  const given = overrides ?? {};
  const merged = { ...base, ...withoutUndefined(given) };
  if (given.wallMs !== undefined && given.cpuMs === undefined) merged.cpuMs = given.wallMs + CPU_MARGIN_MS;
  const parsed = limitsSchema.safeParse(merged);
  if (!parsed.success) {
    throw new UserError(`invalid sandbox limits: ${allIssues(parsed.error).join('; ')}`);
  }
  return parsed.data;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * One sandbox for all tests of a test file (node:test runs each file in its own process), for any room's
 * tests that need to run Python: `const sandbox = await sharedSandbox();`. It has 2 slots, starts each
 * fork-server on first use, and never keeps the process alive while idle. When bubblewrap cannot create
 * the sandbox this rejects with the EnvironmentError that says how to fix the machine: tests then fail,
 * they are never skipped.
 */
import { createSandbox, type SandboxPool } from '../../src/sandbox/index.ts';

let shared: Promise<SandboxPool> | undefined;

/** The process-wide test sandbox, created on first call. */
export function sharedSandbox(): Promise<SandboxPool> {
  shared ??= createSandbox({ slots: 2 });
  return shared;
}

/**
 * The Python driver programs of `src/sandbox/python/lcb/` and how a judge runs one: the `source` of a
 * sandbox run is the shared wire module (`wire.py`: typed encoding, messages) followed by the driver
 * itself; the run gets LCB's whole-run limit, and a message that breaks the driver protocol stops it.
 */
import { readFileSync } from 'node:fs';
import type { GraderMode } from '../contracts/grade.ts';
import { globalTimeoutSeconds } from '../grade/codegen.ts';
import type { RunResult, Sandbox, SandboxProfile } from '../sandbox/types.ts';
import { ProtocolError } from './messages.ts';

/** The LCB drivers by job. */
export type DriverName = 'codegen' | 'test_output' | 'execution';

const cache = new Map<DriverName, string>();

function driverFile(name: string): string {
  return readFileSync(new URL(`../sandbox/python/lcb/${name}.py`, import.meta.url), 'utf8');
}

/** The full source of a driver run (read once per process). */
export function driverSource(name: DriverName): string {
  let source = cache.get(name);
  if (source === undefined) {
    source = `${driverFile('wire')}\n\n${driverFile(name)}`;
    cache.set(name, source);
  }
  return source;
}

/** One run of a driver. */
export interface DriverRun {
  driver: DriverName;
  /** the driver's payload; `timeout` and `mode` are added */
  payload: Record<string, unknown>;
  /** seconds per test or program, as the driver enforces them */
  timeoutSeconds: number;
  mode: GraderMode;
  /** how many tests or programs the run may take: the whole run gets `(timeout + 1) * runs + 5` s */
  runs: number;
  profile: SandboxProfile;
  /** RLIMIT_AS; the sandbox's default when absent */
  memoryBytes?: number | undefined;
  /** the message stream's cap; the sandbox's default when absent */
  messageBytes?: number;
  /** each message as it arrives; throw `ProtocolError` for one that breaks the protocol */
  onMessage: (bytes: Uint8Array) => 'continue' | 'stop';
  /** told of a protocol violation before the run is stopped (what arrived so far stands) */
  onProtocolError?: (error: ProtocolError) => void;
}

/** Run a driver in the sandbox under LCB's whole-run limit (the CPU limit follows the wall limit + 1 s). */
export function runDriver(sandbox: Sandbox, run: DriverRun): Promise<RunResult> {
  const wallSeconds = globalTimeoutSeconds(run.timeoutSeconds, run.runs);
  return sandbox.run({
    source: driverSource(run.driver),
    stdin: JSON.stringify({ ...run.payload, timeout: run.timeoutSeconds, mode: run.mode }),
    profile: run.profile,
    limits: {
      wallMs: wallSeconds * 1000,
      memoryBytes: run.memoryBytes,
      ...(run.messageBytes === undefined ? {} : { messageBytes: run.messageBytes }),
    },
    onMessage: (bytes) => {
      try {
        return run.onMessage(bytes);
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
        run.onProtocolError?.(error);
        return 'stop';
      }
    },
  });
}

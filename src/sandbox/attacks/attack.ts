/**
 * What an attack is: a hostile program (or a few) run through the real sandbox, plus host-side checks of
 * whether it got out. Each attack says itself whether it was contained and why.
 */
import type { SandboxPool } from '../sandbox-pool.ts';
import type { RunResult } from '../types.ts';

/** The host-side fixtures an attack may aim at or look at. */
export interface AttackContext {
  sandbox: SandboxPool;
  /** random per suite, so names and secrets never collide with anything real */
  nonce: string;
  /** a host directory under the system temp dir, readable by everyone, holding `secretFile` */
  hostDir: string;
  secretFile: string;
  /** the content of `secretFile` */
  secret: string;
  /** an environment variable of this Node process (name and value) that runs must not see */
  secretEnvName: string;
  secretEnvValue: string;
  /** the directory Node runs in (the project) */
  projectDir: string;
  /** a TCP listener on 127.0.0.1 and how many connections it accepted so far */
  port: number;
  connections: () => number;
  /** a host process with the same host uid as slot 0, which runs must not be able to kill */
  victimPid: number;
  /** true in `--unsafe-no-sandbox` mode: attacks skip steps that would harm the host */
  unsafe: boolean;
}

/** Whether one attack was contained, with a one-line reason. */
export interface AttackOutcome {
  contained: boolean;
  detail: string;
}

/** One attack of the suite. */
export interface Attack {
  /** short id, e.g. `fork-bomb` */
  name: string;
  /** what it tries, in one line */
  summary: string;
  run(context: AttackContext): Promise<AttackOutcome>;
}

/** A Python program with `P` bound to `params` (passed as JSON, so any value crosses safely). */
export function program(params: Record<string, unknown>, body: string): string {
  return `import json\nP = json.loads(${JSON.stringify(JSON.stringify(params))})\n${body}`;
}

/** The last line the program printed, parsed as JSON (the attacks report that way). */
export function reported<T>(result: RunResult): T | undefined {
  const last = result.stdout.trim().split('\n').at(-1);
  if (last === undefined || last === '') return undefined;
  try {
    return JSON.parse(last) as T;
  } catch {
    return undefined;
  }
}

/** The outcome of a list of checks: contained when every check holds, else the first that failed. */
export function judge(checks: readonly [boolean, string][], containedDetail: string): AttackOutcome {
  const failed = checks.find(([ok]) => !ok);
  return failed === undefined
    ? { contained: true, detail: containedDetail }
    : { contained: false, detail: failed[1] };
}

/** One line describing a run that did not behave as the attack expected. */
export function describeRun(result: RunResult): string {
  const tail = (result.infraError ?? result.stderr).trim().split('\n').at(-1) ?? '';
  return `status ${result.status}${result.exitCode === null ? '' : ` (exit ${result.exitCode})`}${tail === '' ? '' : `: ${tail}`}`;
}

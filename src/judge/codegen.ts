/**
 * Grade one code generation through the sandbox: the codegen driver runs the program over the problem's
 * test inputs and reports each test as it finishes; the verdict is computed here (`src/grade/codegen.ts`)
 * and the run is stopped at the first failing test, as LCB stops. The whole run gets LCB's global limit
 * `(timeout + 1) * n_tests + 5` seconds. Expected outputs never enter the sandbox.
 */
import type { GraderMode } from '../contracts/grade.ts';
import { CodegenGrader, type CodegenProblem, type CodegenVerdict } from '../grade/codegen.ts';
import type { RunResult, Sandbox } from '../sandbox/types.ts';
import { runDriver } from './drivers.ts';
import { decodeCodegenMessage } from './messages.ts';

/** How to grade; every field but `mode` mirrors an LCB setting. */
export interface JudgeOptions {
  /** `lcb` (upstream behaviour, quirks included) or `fixed` */
  mode: GraderMode;
  /** LCB's `--timeout`: whole seconds per test (default 6) */
  timeoutSeconds: number;
  /** RLIMIT_AS of a run; LCB sets none, so the default is generous */
  memoryBytes?: number;
}

/** A verdict, or a failure of the harness itself (never to be counted as a verdict). */
export type JudgeOutcome<T> =
  | { kind: 'verdict'; verdict: T }
  | { kind: 'infrastructure-error'; message: string };

/** What a generation's run showed besides its verdict, for reports (LCB's result files do not hold it). */
export interface CodegenRunDetail {
  /** what the program wrote to `sys.stderr` (the driver keeps the first 16 KiB), then the run's own stderr */
  stderr: string;
  /** per test, in order, the seconds the driver measured around it; `undefined` for a test that raised */
  testSeconds: readonly (number | undefined)[];
}

/** A generation's verdict with its run's detail, or a failure of the harness itself. */
export type CodegenOutcome =
  | { kind: 'verdict'; verdict: CodegenVerdict; detail: CodegenRunDetail }
  | { kind: 'infrastructure-error'; message: string };

/** RLIMIT_AS of grading runs unless the caller sets one: LCB has no memory limit at all. */
export const DEFAULT_GRADING_MEMORY_BYTES = 8 * 1024 ** 3;
/** Message bytes allowed beyond twice the expected output (each test's stdout comes back as a message). */
const MESSAGE_SLACK_BYTES = 256 * 1024 ** 2;

/**
 * Modules upstream's grading child already holds (its parent imported them): a program that imports them
 * gets them pre-imported before the guard, from the `scientific` sandbox profile.
 */
const SCIENTIFIC_MODULES = ['numpy', 'pandas'] as const;

function describeEnding(result: RunResult): string {
  if (result.status === 'signaled') return `the run was killed by ${result.signal ?? 'a signal'}`;
  if (result.status === 'timeout') return 'the run passed its whole-run time limit';
  if (result.status === 'output-capped') return 'the run passed its output cap';
  return `the run exited with status ${result.exitCode ?? 'unknown'}`;
}

/**
 * Grade one generation of one problem; resolves to LCB's result list and metadata, with the run's stderr
 * and per-test times.
 */
export async function judgeGeneration(
  sandbox: Sandbox,
  problem: CodegenProblem,
  code: string,
  options: JudgeOptions,
): Promise<CodegenOutcome> {
  const grader = new CodegenGrader(problem, options.mode);
  const expectedBytes = problem.outputs.reduce((sum, output) => sum + output.length, 0);
  const preload = SCIENTIFIC_MODULES.filter((name) => code.includes(name));
  let stderr = '';
  const result = await runDriver(sandbox, {
    driver: 'codegen',
    payload: { preload, code, fn_name: problem.fnName, inputs: problem.inputs, tests: grader.testCount },
    timeoutSeconds: options.timeoutSeconds,
    mode: options.mode,
    runs: problem.inputs.length,
    profile: preload.length > 0 ? 'scientific' : 'lcb',
    memoryBytes: options.memoryBytes ?? DEFAULT_GRADING_MEMORY_BYTES,
    messageBytes: MESSAGE_SLACK_BYTES + 2 * expectedBytes,
    onMessage: (bytes) => {
      const event = decodeCodegenMessage(bytes);
      if (event.stderr !== undefined) stderr += event.stderr;
      return grader.feed(event);
    },
    onProtocolError: (error) => grader.reject(error.message),
  });
  // the program's sys.stderr comes with the driver's messages; the run's own stderr is the harness's
  const detail: CodegenRunDetail = { stderr: stderr + result.stderr, testSeconds: grader.testSeconds };
  const decided = grader.decided;
  if (decided !== null) return { kind: 'verdict', verdict: decided, detail };
  if (result.status === 'infrastructure-error') {
    return { kind: 'infrastructure-error', message: result.infraError ?? 'the sandbox failed' };
  }
  const ending = {
    kind: 'died',
    timedOut: result.status === 'timeout',
    detail: describeEnding(result),
  } as const;
  return { kind: 'verdict', verdict: grader.finish(ending), detail };
}

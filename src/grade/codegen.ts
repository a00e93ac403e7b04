/**
 * The verdict of one code generation, computed on the host from what the sandbox driver reports per test
 * (`src/sandbox/python/lcb/codegen.py`): LCB's result list and metadata (`docs/lcb.md` §6.7), as
 * `testing_util.run_test` → `check_correctness` → `evaluate_generations_by_problem` produce them.
 * Feed the driver's events in order; the grader says when the verdict is decided (LCB stops at the first
 * failing test), then `finish` gives the result.
 */
import type { GraderMode } from '../contracts/grade.ts';
import { PyJsonError, pyJsonLoads } from '../python/json-loads.ts';
import { pyStr } from '../python/repr.ts';
import type { PyValue } from '../python/value.ts';
import { compareFunctionalOutput } from './functional.ts';
import type { TestResult } from './pass-at-k.ts';
import { compareStdout } from './stdout.ts';
import { truncatefn } from './truncatefn.ts';

/** One problem as the grader sees it (`get_evaluation_sample`): tests in order, public then private. */
export interface CodegenProblem {
  /** `metadata.func_name`; null for stdin problems */
  fnName: string | null;
  inputs: readonly string[];
  outputs: readonly string[];
}

/** LCB's metadata dict of one generation; key order is upstream's (it is serialized with `json.dumps`). */
export type CodegenMetadata = Record<string, string | number>;

/** LCB's result list and metadata for one generation. */
export interface CodegenVerdict {
  results: TestResult[];
  metadata: CodegenMetadata;
}

/**
 * What the sandbox driver reports, already decoded (see `src/judge/codegen.ts`). `stderr` is what the
 * program wrote to `sys.stderr` since the previous event: for reports, never part of a verdict.
 */
export type CodegenEvent = (
  | { event: 'setup_error'; message: string }
  | { event: 'ready' }
  | { event: 'test'; index: number; seconds: number; stdout: string }
  | { event: 'test'; index: number; seconds: number; value: PyValue; args: string }
  | { event: 'error'; index: number; repr: string; args?: string }
  | { event: 'done' }
) & { stderr?: string };

/** How the run ended when the verdict was not decided by the events alone. */
export type RunEnding =
  /** the run ended (exited, crashed, was killed by the whole-run limit, or broke the protocol) */
  { kind: 'died'; timedOut: boolean; detail: string };

/** The metadata upstream stores when the grading child died (`IndexError` on the empty metadata list). */
export const TEST_RUNNER_ERROR: CodegenMetadata = {
  error: "IndexError('list index out of range')",
  error_code: -5,
  error_message: 'TestRunnerError',
};

/** LCB's whole-run limit for one generation: `(timeout + 1) * n_tests + 5` seconds. */
export function globalTimeoutSeconds(timeoutSeconds: number, testCount: number): number {
  return (timeoutSeconds + 1) * testCount + 5;
}

/** Decides one generation's verdict from the driver's events (`docs/lcb.md` §6). */
export class CodegenGrader {
  readonly testCount: number;
  private readonly results: TestResult[] = [];
  /** per test index, the seconds the driver measured for it (tests that raised report none) */
  private readonly measured: number[] = [];
  private expected: PyValue[] | null = null;
  private seconds = 0;
  private verdict: CodegenVerdict | null = null;
  private ready = false;

  constructor(
    private readonly problem: CodegenProblem,
    private readonly mode: GraderMode,
  ) {
    this.testCount = Math.min(problem.inputs.length, problem.outputs.length);
  }

  /** The verdict once decided, else null. */
  get decided(): CodegenVerdict | null {
    return this.verdict;
  }

  /** Per test, in order, the seconds the driver measured around it; `undefined` for a test that raised. */
  get testSeconds(): readonly (number | undefined)[] {
    return this.measured;
  }

  /** Consume one event; returns `stop` once the verdict is decided. */
  feed(event: CodegenEvent): 'continue' | 'stop' {
    if (this.verdict !== null) return 'stop';
    if (event.event === 'setup_error') {
      this.decide([-4], { error_code: -4, error_message: `Error during testing: ${event.message}` });
    } else if (event.event === 'ready') {
      this.onReady();
    } else if (event.event === 'done') {
      if (this.results.length < this.testCount || !this.ready) this.protocolError('done before every test');
    } else if (!this.ready || event.index !== this.results.length || event.index >= this.testCount) {
      this.protocolError(`unexpected report for test ${event.index}`);
    } else if (event.event === 'error') {
      this.onError(event.index, event.repr, event.args);
    } else if ('stdout' in event) {
      this.measured[event.index] = event.seconds;
      this.onStdout(event.index, event.stdout, event.seconds);
    } else {
      this.measured[event.index] = event.seconds;
      this.onValue(event.index, event.value, event.args, event.seconds);
    }
    return this.verdict === null ? 'continue' : 'stop';
  }

  /** The final verdict; `ending` explains a run that stopped before the verdict was decided. */
  finish(ending: RunEnding): CodegenVerdict {
    if (this.verdict !== null) return this.verdict;
    if (this.mode === 'lcb') return { results: [-2], metadata: { ...TEST_RUNNER_ERROR } };
    // --grader fixed: the test that was running gets the blame, as a time limit or a runtime error
    const index = Math.min(this.results.length, Math.max(this.testCount - 1, 0));
    const failure: CodegenMetadata = ending.timedOut
      ? { error: 'TimeoutException()', error_code: -3, error_message: 'Time Limit Exceeded' }
      : { error: ending.detail, error_code: -4, error_message: 'Runtime Error' };
    return {
      results: [...this.results, ending.timedOut ? -3 : -4],
      metadata: { ...failure, inputs: this.inputsText(index), expected: this.expectedText(index) },
    };
  }

  /** A message that broke the driver protocol: a failing verdict (TestRunnerError in `lcb` mode). */
  reject(detail: string): void {
    if (this.verdict === null) this.protocolError(detail);
  }

  private decide(results: TestResult[], metadata: CodegenMetadata): void {
    this.verdict = { results, metadata };
  }

  private protocolError(detail: string): void {
    if (this.mode === 'lcb') this.decide([-2], { ...TEST_RUNNER_ERROR });
    else
      this.decide([...this.results, -4], { error: detail, error_code: -4, error_message: 'Runtime Error' });
  }

  private onReady(): void {
    if (this.ready) {
      this.protocolError('ready twice');
      return;
    }
    this.ready = true;
    if (this.problem.fnName !== null) {
      // grade_call_based parses every expected output after the inputs and before the first test
      try {
        this.expected = this.problem.outputs.map((output) => pyJsonLoads(output));
      } catch (error) {
        if (!(error instanceof PyJsonError)) throw error;
        this.decide([-4], { error_code: -4, error_message: `Error during testing: ${error.message}` });
        return;
      }
    }
    this.passIfComplete();
  }

  private passIfComplete(): void {
    if (this.results.length === this.testCount) {
      this.decide([...this.results], { 'execution time': this.seconds });
    }
  }

  private inputsText(index: number): string {
    return truncatefn(this.problem.inputs[index] ?? '');
  }

  private expectedText(index: number): string {
    if (this.expected !== null) return truncatefn(pyStr(this.expected[index]!));
    return truncatefn(this.problem.outputs[index] ?? '');
  }

  private onError(index: number, repr: string, args: string | undefined): void {
    const timeout = repr.toLowerCase().includes('timeoutexception');
    this.results.push(timeout ? -3 : -4);
    this.decide([...this.results], {
      error: repr,
      error_code: timeout ? -3 : -4,
      error_message: timeout ? 'Time Limit Exceeded' : 'Runtime Error',
      inputs: args ?? this.inputsText(index),
      expected: this.expectedText(index),
    });
  }

  private onStdout(index: number, stdout: string, seconds: number): void {
    const expected = this.problem.outputs[index]!;
    const verdict = compareStdout(stdout, expected, {
      signalingNaN: this.mode === 'lcb' ? 'raise' : 'unequal',
    });
    if (verdict.ok === 'signal') {
      // raised outside grade_stdio's per-test try: run_test reports the whole generation as [-4]
      this.decide([-4], {
        error_code: -4,
        error_message: `Error during testing: ${verdict.errorMessage}`,
      });
      return;
    }
    if (verdict.ok === false) {
      this.results.push(-2);
      this.decide([...this.results], {
        output: truncatefn(stdout),
        inputs: this.inputsText(index),
        expected: truncatefn(expected),
        error_code: -2,
        error_message: verdict.errorMessage,
      });
      return;
    }
    this.seconds += seconds;
    this.results.push(true);
    this.passIfComplete();
  }

  private onValue(index: number, value: PyValue, args: string, seconds: number): void {
    const expected = this.expected![index]!;
    const outcome = compareFunctionalOutput(value, expected);
    this.seconds += seconds;
    if (outcome.kind === 'equal') {
      this.results.push(true);
      this.passIfComplete();
      return;
    }
    if (outcome.kind === 'raises') {
      // an ndarray result: its first element is stored, then `not array` raises
      this.results.push(outcome.stored, -4);
      this.decide([...this.results], {
        error: outcome.repr,
        error_code: -4,
        error_message: 'Runtime Error',
        inputs: args,
        expected: this.expectedText(index),
      });
      return;
    }
    this.results.push(this.mode === 'lcb' ? outcome.stored : -2);
    this.decide([...this.results], {
      output: truncatefn(pyStr(value)),
      inputs: args,
      expected: this.expectedText(index),
      error_code: -2,
      error_message: 'Wrong Answer',
    });
  }
}

/**
 * The one small interface every caller of the sandbox uses (graders, dataset builder, evaluator).
 *
 * A run executes Python source (a solution, or a trusted driver program such as the LCB harness) with
 * given stdin under kernel limits, and returns what happened. Nothing is graded inside: expected outputs
 * never enter a run. A driver program streams structured messages back with
 * `import hrm_sandbox; hrm_sandbox.emit(data: bytes)`; the caller sees each one as it arrives and may stop
 * the run early (how LCB's stop-at-first-failing-test is reproduced without sending expected outputs in).
 */

/** Kernel and harness limits of one run. Units are in the names. */
export interface SandboxLimits {
  /** wall-clock limit of the whole run; the run's process group is killed when it passes */
  wallMs: number;
  /** RLIMIT_CPU of the run, in ms (rounded up to whole seconds by the kernel); default wallMs + 1000 */
  cpuMs: number;
  /** RLIMIT_AS, in bytes */
  memoryBytes: number;
  /** RLIMIT_NPROC */
  processes: number;
  /** RLIMIT_FSIZE, in bytes */
  fileBytes: number;
  /** RLIMIT_NOFILE */
  openFiles: number;
  /** stdout is cut at this many bytes and the run killed (`outputCapped`) */
  stdoutBytes: number;
  /** stderr is cut at this many bytes and the run killed (`outputCapped`) */
  stderrBytes: number;
  /** the message stream (`hrm_sandbox.emit`, framing included) is cut here and the run killed (`outputCapped`) */
  messageBytes: number;
  /** RLIMIT_STACK of the run's main thread, in bytes (deep recursion through C code such as `lru_cache`) */
  stackBytes: number;
}

/** Which modules the slot's fork-server has imported before forking a run. */
export type SandboxProfile =
  /** the LCB import header's stdlib modules (code generation, test output prediction) */
  | 'lcb'
  /** `lcb` plus numpy and pandas (LCB's code-execution grader imports both) */
  | 'scientific';

/** What to run. */
export interface RunRequest {
  /** Python source executed as `__main__` */
  source: string;
  /** bytes on the program's stdin (empty when absent) */
  stdin?: string | Uint8Array;
  /** preloaded module set; default `lcb` */
  profile?: SandboxProfile;
  /** overrides of the sandbox's default limits */
  limits?: Partial<SandboxLimits>;
  /**
   * Called for each message the program emits, in order, as it arrives. Return `'stop'` to kill the run
   * now (its result then has status `stopped`). Messages are also collected in `RunResult.messages`.
   * If it throws, the run is stopped and `run` rejects with what it threw.
   */
  onMessage?: (message: Uint8Array) => 'continue' | 'stop';
  /** aborts the run (status `stopped`) */
  signal?: AbortSignal;
}

/**
 * How a run ended. Only `infrastructure-error` is the harness's fault (a dead fork-server, a failed
 * spawn): callers must report it as such and never turn it into a verdict.
 */
export type RunStatus =
  | 'exited' // the program exited by itself, with any exit code
  | 'signaled' // killed by a signal it did not get from us (segfault, RLIMIT_CPU's SIGXCPU, OOM)
  | 'timeout' // wall limit passed; killed
  | 'output-capped' // stdout or stderr passed its cap; killed
  | 'stopped' // the caller stopped it (onMessage returned 'stop', or the signal aborted)
  | 'infrastructure-error';

/** What happened in one run. */
export interface RunResult {
  status: RunStatus;
  /** exit status when the program exited by itself, else null */
  exitCode: number | null;
  /** name of the signal that ended it (`SIGKILL`, `SIGSEGV`, ...), else null */
  signal: string | null;
  /** captured stdout, UTF-8 decoded (invalid bytes replaced), at most `stdoutBytes` */
  stdout: string;
  /** captured stderr, UTF-8 decoded, at most `stderrBytes` */
  stderr: string;
  /** messages emitted with `hrm_sandbox.emit`, in order */
  messages: Uint8Array[];
  wallMs: number;
  cpuMs: number;
  maxRssKb: number;
  timedOut: boolean;
  outputCapped: boolean;
  /** for `infrastructure-error`: what went wrong, for logs and the report */
  infraError?: string;
}

/** How untrusted code is isolated: bwrap (the default), or the explicit unsafe opt-in. */
export type SandboxMode = 'bwrap' | 'unsafe-no-sandbox';

/** A pool of sandbox slots; `run` queues when every slot is busy. */
export interface Sandbox {
  readonly mode: SandboxMode;
  readonly slots: number;
  /** Rejects only for a malformed request or a throwing `onMessage`; all else is in the result. */
  run(request: RunRequest): Promise<RunResult>;
  /** stops every fork-server and sweeps every slot's processes */
  close(): Promise<void>;
}

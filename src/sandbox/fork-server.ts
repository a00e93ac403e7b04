/**
 * Node's handle on one fork-server process (`python/forkserver.py`): starts it, sends one run at a time,
 * relays its output and messages, and turns every way the server can fail (died, hung, garbled) into an
 * `infrastructure-error` result, never into a verdict. A per-run watchdog kills a server that does not
 * answer within the run's wall limit plus a grace period. While idle the process does not keep Node alive.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import {
  type DoneFrame,
  doneSchema,
  encodeQuitFrame,
  encodeRunFrame,
  encodeStopFrame,
  FrameReader,
  helloSchema,
  MessageAssembler,
  type ServerFrame,
} from './protocol.ts';
import type { RunResult, RunStatus, SandboxLimits } from './types.ts';

/** How long the server may take past a run's wall limit before it is presumed hung. */
const WATCHDOG_GRACE_MS = 5000;
/** How long a server may take to start and import its profile (numpy and pandas on a busy machine). */
const START_TIMEOUT_MS = 60_000;
/** How much of the server's own stderr is kept for error messages. */
const STDERR_TAIL_BYTES = 16 * 1024;

/** How to start one server process. */
export interface ServerLaunch {
  command: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  cwd: string;
  /** host uid/gid to run as (per-slot uid when Node runs as root) */
  uid?: number;
  gid?: number;
}

/** One run, ready for the wire. */
export interface PreparedRun {
  source: Buffer;
  stdin: Buffer;
  limits: SandboxLimits;
  onMessage?: (message: Uint8Array) => 'continue' | 'stop';
  signal?: AbortSignal;
}

/** Facts the server reported when it came up. */
export interface ServerHello {
  pid: number;
  python: string;
  profile: string;
  preloadMs: number;
  /** whether runs get the seccomp filter that guards the server (x86_64 and aarch64) */
  seccomp: boolean;
}

interface InFlight {
  id: number;
  run: PreparedRun;
  stdout: Buffer[];
  stderr: Buffer[];
  messages: Uint8Array[];
  assembler: MessageAssembler;
  stopSent: boolean;
  acceptMessages: boolean;
  /** what the caller's onMessage threw; the run is stopped and its promise rejects with it */
  callbackError?: { error: unknown };
  resolve: (result: RunResult) => void;
  reject: (error: unknown) => void;
  cleanup: () => void;
}

/** The stdio pipes of a child process are sockets, which can stop keeping the event loop alive. */
interface Referenceable {
  ref(): void;
  unref(): void;
}

const SIGNAL_NAMES = new Map(Object.entries(osConstants.signals).map(([name, num]) => [num, name]));

/** A result for a run that produced nothing of its own (never started, or not carried out). */
export function emptyResult(status: RunStatus, partial: Partial<RunResult> = {}): RunResult {
  return {
    status,
    exitCode: null,
    signal: null,
    stdout: '',
    stderr: '',
    messages: [],
    wallMs: 0,
    cpuMs: 0,
    maxRssKb: 0,
    timedOut: false,
    outputCapped: false,
    ...partial,
  };
}

/** A result for a run the harness could not carry out; `detail` says why. */
export function infrastructureResult(detail: string, partial: Partial<RunResult> = {}): RunResult {
  return emptyResult('infrastructure-error', { ...partial, infraError: detail });
}

/** One fork-server process. Not reusable after it dies: make a new one. */
export class ForkServer {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly frames = new FrameReader();
  private stderrTail = '';
  private nextId = 1;
  private current: InFlight | undefined;
  private closed = false;
  private closedPromise: Promise<void> | undefined;
  private helloWaiter: { resolve: (hello: ServerHello) => void; reject: (error: Error) => void } | undefined;
  /** set when the server announced it exits after the current run (limits tampered, run count) */
  private retiring = false;
  hello: ServerHello | undefined;

  private readonly watchdogGraceMs: number;
  private readonly startTimeoutMs: number;

  constructor(
    private readonly launch: ServerLaunch,
    options: { watchdogGraceMs?: number; startTimeoutMs?: number } = {},
  ) {
    this.watchdogGraceMs = options.watchdogGraceMs ?? WATCHDOG_GRACE_MS;
    this.startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  }

  /** Host pid of the spawned process (bwrap, or python in unsafe mode), while it runs. */
  get pid(): number | undefined {
    return this.closed ? undefined : this.child?.pid;
  }

  /** True while the server can take a run. */
  get usable(): boolean {
    return this.child !== undefined && !this.closed && !this.retiring && this.hello !== undefined;
  }

  /** Spawn the server and wait for its hello. Rejects with the reason it could not start. */
  start(): Promise<ServerHello> {
    const { command, args, env, cwd, uid, gid } = this.launch;
    const child = spawn(command, [...args], {
      cwd,
      env: { ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      ...(uid === undefined ? {} : { uid }),
      ...(gid === undefined ? {} : { gid }),
    });
    this.child = child;
    this.closedPromise = new Promise((resolve) => {
      child.once('close', () => resolve());
      child.once('error', () => resolve()); // a failed spawn may never emit 'close'
    });
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    child.stdin.on('error', () => {}); // EPIPE when the server died; 'close' reports it
    child.on('error', (error) => this.onClose(`could not start the fork-server: ${error.message}`));
    child.on('close', (code, signal) => this.onClose(this.describeExit(code, signal)));
    return new Promise<ServerHello>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`fork-server did not start within ${this.startTimeoutMs} ms`));
        void this.kill();
      }, this.startTimeoutMs);
      this.helloWaiter = {
        resolve: (hello) => {
          clearTimeout(timer);
          this.setReferenced(false);
          resolve(hello);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  /**
   * Run one program; resolves with its result. Rejects only with what the caller's `onMessage` threw
   * (the run is stopped first). One run at a time.
   */
  run(run: PreparedRun): Promise<RunResult> {
    if (this.current !== undefined) throw new Error('fork-server is busy (a bug in the slot pool)');
    if (!this.usable) return Promise.resolve(infrastructureResult('fork-server is not running'));
    const id = this.nextId++;
    return new Promise<RunResult>((resolve, reject) => {
      const watchdog = setTimeout(() => {
        this.finishWithInfraError(
          `fork-server did not answer within the wall limit + ${this.watchdogGraceMs} ms`,
        );
        void this.kill();
      }, run.limits.wallMs + this.watchdogGraceMs);
      const onAbort = () => this.sendStop();
      run.signal?.addEventListener('abort', onAbort, { once: true });
      this.current = {
        id,
        run,
        stdout: [],
        stderr: [],
        messages: [],
        assembler: new MessageAssembler(),
        stopSent: false,
        acceptMessages: true,
        resolve,
        reject,
        cleanup: () => {
          clearTimeout(watchdog);
          run.signal?.removeEventListener('abort', onAbort);
        },
      };
      this.setReferenced(true);
      this.child!.stdin.write(encodeRunFrame(id, run.source, run.stdin, run.limits));
      if (run.signal?.aborted) this.sendStop();
    });
  }

  /** Ask the server to finish and exit; kill it if it does not within `graceMs`. */
  async quit(graceMs = 2000): Promise<void> {
    if (this.child === undefined || this.closed) return;
    this.setReferenced(true); // keep Node alive until the server is gone
    this.child.stdin.write(encodeQuitFrame());
    this.child.stdin.end();
    const timer = setTimeout(() => void this.kill(), graceMs);
    await this.closedPromise;
    clearTimeout(timer);
  }

  /** Kill the server's whole process tree now and wait until it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined || this.closed) return;
    this.retiring = true; // from now on no run may be sent to it
    this.setReferenced(true); // keep Node alive until the server is gone
    for (const target of [-child.pid!, child.pid!]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await this.closedPromise;
  }

  private sendStop(): void {
    const current = this.current;
    if (current === undefined || current.stopSent || this.closed) return;
    current.stopSent = true;
    this.child!.stdin.write(encodeStopFrame(current.id));
  }

  private onData(chunk: Buffer): void {
    try {
      for (const frame of this.frames.push(chunk)) this.onFrame(frame);
    } catch (error) {
      // a broken server (unknown frame, bad JSON): whatever was in flight is the harness's failure
      const detail = error instanceof Error ? error.message : String(error);
      this.helloWaiter?.reject(new Error(`fork-server sent garbage: ${detail}`));
      this.helloWaiter = undefined;
      this.finishWithInfraError(`fork-server sent garbage: ${detail}`);
      void this.kill();
    }
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.kind === 'H') {
      const hello = helloSchema.safeParse(JSON.parse(frame.payload.toString('utf8')));
      if (!hello.success) throw new Error('malformed hello');
      this.hello = hello.data;
      this.helloWaiter?.resolve(hello.data);
      this.helloWaiter = undefined;
      return;
    }
    const current = this.current;
    if (current === undefined) return;
    if (frame.kind === 'O') current.stdout.push(frame.payload);
    else if (frame.kind === 'E') current.stderr.push(frame.payload);
    else if (frame.kind === 'M') this.onMessageBytes(current, frame.payload);
    else this.onDone(current, frame.payload);
  }

  private onMessageBytes(current: InFlight, bytes: Buffer): void {
    for (const message of current.assembler.push(bytes)) {
      if (!current.acceptMessages) return;
      current.messages.push(message);
      let verdict: 'continue' | 'stop' | undefined;
      try {
        verdict = current.run.onMessage?.(message);
      } catch (error) {
        current.callbackError = { error };
        verdict = 'stop';
      }
      if (verdict === 'stop') {
        current.acceptMessages = false;
        this.sendStop();
      }
    }
  }

  private onDone(current: InFlight, payload: Buffer): void {
    const parsed = doneSchema.safeParse(JSON.parse(payload.toString('utf8')));
    if (!parsed.success || parsed.data.id !== current.id) throw new Error('malformed or mismatched result');
    const done = parsed.data;
    if (done.recycle !== null) this.retiring = true;
    this.finish(this.resultOf(current, done));
  }

  private resultOf(current: InFlight, done: DoneFrame): RunResult {
    const stderr = Buffer.concat(current.stderr).toString('utf8');
    const result: RunResult = {
      status: done.status,
      exitCode: done.exitCode,
      signal: done.signal === null ? null : (SIGNAL_NAMES.get(done.signal) ?? `signal ${done.signal}`),
      stdout: Buffer.concat(current.stdout).toString('utf8'),
      stderr,
      messages: current.messages,
      wallMs: done.wallMs,
      cpuMs: done.cpuMs,
      maxRssKb: done.maxRssKb,
      timedOut: done.status === 'timeout',
      outputCapped: done.status === 'output-capped',
    };
    if (done.status === 'infrastructure-error') {
      result.infraError = `${done.error ?? 'fork-server error'}${stderr === '' ? '' : `: ${stderr.trim()}`}`;
    }
    return result;
  }

  private finish(result: RunResult): void {
    const current = this.current;
    if (current === undefined) return;
    this.current = undefined;
    current.cleanup();
    if (!this.closed) this.setReferenced(false);
    if (current.callbackError !== undefined) current.reject(current.callbackError.error);
    else current.resolve(result);
  }

  private finishWithInfraError(detail: string): void {
    const current = this.current;
    if (current === undefined) return;
    this.finish(
      infrastructureResult(detail, {
        stdout: Buffer.concat(current.stdout).toString('utf8'),
        stderr: Buffer.concat(current.stderr).toString('utf8'),
        messages: current.messages,
      }),
    );
  }

  private onClose(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    const detail = this.stderrTail.trim() === '' ? reason : `${reason}: ${this.stderrTail.trim()}`;
    this.helloWaiter?.reject(new Error(detail));
    this.helloWaiter = undefined;
    this.finishWithInfraError(`fork-server died during the run (${detail})`);
  }

  private describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    return signal === null ? `fork-server exited with code ${code}` : `fork-server was killed by ${signal}`;
  }

  private setReferenced(on: boolean): void {
    const child = this.child;
    if (child === undefined) return;
    const handles = [child, child.stdin, child.stdout, child.stderr] as unknown as Referenceable[];
    for (const handle of handles) {
      if (on) handle.ref();
      else handle.unref();
    }
  }
}

/**
 * Typed errors that reach the user. The CLI prints `message` (and `hint` when present) on one line each,
 * never a stack, and exits with `exitCode`. Everything else that escapes is a bug and is reported as one.
 */

/** Exit codes of `hrm-lcb`; each one means one thing (see docs/cli.md). */
export const EXIT = {
  ok: 0,
  /** the command ran and found a failure it was asked to look for (mismatches, uncontained attacks, bad rows) */
  checkFailed: 1,
  /** bad flags or arguments */
  usage: 2,
  /** an input file is missing, unreadable or malformed */
  input: 3,
  /** this machine cannot do what was asked (no sandbox, no python3, no native addon) */
  environment: 4,
  /** a long job stopped before finishing (infrastructure errors, interrupted); resumable */
  incomplete: 5,
  /** an unexpected internal error: a bug in hrm-lcb */
  internal: 70,
  /** interrupted by SIGINT (128 + 2) */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error meant for the user: a clear message, an optional hint on how to fix it, and an exit code. */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  constructor(message: string, options: { exitCode?: ExitCode; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? EXIT.usage;
    this.hint = options.hint;
  }
}

/** Bad input data: names the file, the 1-based line (when the format has lines) and the field. */
export class InputError extends UserError {
  readonly file: string;
  readonly line: number | undefined;
  readonly field: string | undefined;
  constructor(
    file: string,
    detail: string,
    options: { line?: number; field?: string; hint?: string; cause?: unknown } = {},
  ) {
    const where = options.line === undefined ? file : `${file}:${options.line}`;
    const field = options.field === undefined ? '' : ` field ${options.field}:`;
    super(`${where}:${field} ${detail}`, { exitCode: EXIT.input, hint: options.hint, cause: options.cause });
    this.name = 'InputError';
    this.file = file;
    this.line = options.line;
    this.field = options.field;
  }
}

/** The machine lacks something a command needs (bwrap, python3, the native addon). */
export class EnvironmentError extends UserError {
  constructor(message: string, hint?: string) {
    super(
      message,
      hint === undefined ? { exitCode: EXIT.environment } : { exitCode: EXIT.environment, hint },
    );
    this.name = 'EnvironmentError';
  }
}

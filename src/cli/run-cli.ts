/** Runs `hrm-lcb` with given argv and streams; maps every outcome to a documented exit code. */
import { CommanderError } from 'commander';
import { EXIT, UserError } from '../core/errors.ts';
import type { AnyCommand, CommandIo } from './define.ts';
import { buildProgram, commanderExitCode, type ProgramRuntime } from './program.ts';

/** Print a user-facing error: one line, an optional hint line, no stack. */
export function reportUserError(error: UserError, stderr: NodeJS.WritableStream): void {
  stderr.write(`hrm-lcb: error: ${error.message}\n`);
  if (error.hint !== undefined) stderr.write(`hrm-lcb: hint: ${error.hint}\n`);
}

/**
 * Parse `argv` (without `node` and the script) and run the chosen command.
 * Returns the exit code; never throws for user errors, and reports bugs as internal errors.
 */
export async function runCli(
  argv: readonly string[],
  commands: readonly AnyCommand[],
  io: CommandIo & { signal?: AbortSignal },
  version: string,
): Promise<number> {
  const runtime: ProgramRuntime = {
    stdout: io.stdout,
    stderr: io.stderr,
    signal: io.signal ?? new AbortController().signal,
    exitCode: EXIT.ok,
  };
  const program = buildProgram(commands, runtime, version);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return runtime.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    if (error instanceof UserError) {
      reportUserError(error, io.stderr);
      return error.exitCode;
    }
    if (runtime.signal.aborted) {
      io.stderr.write('hrm-lcb: interrupted\n');
      return EXIT.interrupted;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`hrm-lcb: internal error (a bug in hrm-lcb; please report it):\n${detail}\n`);
    return EXIT.internal;
  }
}

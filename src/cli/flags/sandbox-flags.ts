/**
 * The flags every command that runs untrusted code shares (`sandbox run`, `grade`, `evaluate`, dataset
 * building): how many sandbox slots, and the explicit opt-in to run without isolation. Spread
 * `sandboxFlags` into a command's flag table (re-spell or alias a flag there if the command needs LCB's
 * `--num_process_evaluate`) and build the sandbox with `createSandboxFromFlags`.
 */
import { z } from 'zod';
import { createSandbox, MAX_SLOTS, type SandboxOptions, type SandboxPool } from '../../sandbox/index.ts';
import { flag } from '../define.ts';

/** The shared sandbox flags. */
export const sandboxFlags = {
  sandboxSlots: flag({
    name: 'sandbox-slots',
    description: 'programs run in parallel, each in its own sandbox slot',
    value: 'N',
    schema: z.coerce.number().int().min(1).max(MAX_SLOTS).optional(),
    defaultText: 'the number of CPU cores',
  }),
  unsafeNoSandbox: flag({
    name: 'unsafe-no-sandbox',
    description:
      'run model-written code WITHOUT isolation (kernel limits, timers, output caps and group kill only); for machines where bubblewrap cannot work (docs/sandbox.md)',
    schema: z.boolean().default(false),
  }),
};

/** The parsed values of `sandboxFlags`. */
export interface SandboxFlagValues {
  sandboxSlots?: number | undefined;
  unsafeNoSandbox: boolean;
}

/**
 * Create the sandbox a command's flags ask for. The unsafe-mode warning goes to `io.stderr`; when the
 * sandbox cannot be created it throws the EnvironmentError (exit 4) with the fix.
 */
export function createSandboxFromFlags(
  flags: SandboxFlagValues,
  io: { stderr: NodeJS.WritableStream },
  options: Omit<SandboxOptions, 'slots' | 'unsafeNoSandbox' | 'warn'> = {},
): Promise<SandboxPool> {
  return createSandbox({
    ...options,
    ...(flags.sandboxSlots === undefined ? {} : { slots: flags.sandboxSlots }),
    unsafeNoSandbox: flags.unsafeNoSandbox,
    warn: (text) => io.stderr.write(`${text}\n`),
  });
}

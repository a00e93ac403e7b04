/**
 * One table per command is the source of its flags, their parsing, `--help` and `docs/cli.md`.
 * A flag is named in the seed/LCB spelling users know; `aliases` carry the other spellings
 * (LCB's underscore names such as `--release_version`). Values arrive as strings (or `true` for
 * switches) and are parsed by the flag's zod schema, which also holds its default.
 */
import type { z } from 'zod';

/** One flag: its long name, other spellings, help text and the zod schema that parses its raw value. */
export interface FlagSpec<S extends z.ZodType = z.ZodType> {
  /** long name without dashes, e.g. `release-version` */
  readonly name: string;
  /** other accepted long names, e.g. `['release_version']` */
  readonly aliases?: readonly string[];
  /** one-letter short form, e.g. `n` */
  readonly short?: string;
  readonly description: string;
  /** placeholder of the value in help (`DIR`, `N`); absent for a boolean switch */
  readonly value?: string;
  /** parses `undefined | string | true` (or `string[]` when repeatable) into the typed value */
  readonly schema: S;
  /** shown as `(default: …)` in help and docs */
  readonly defaultText?: string;
  /** the flag may be given several times; the schema then receives a `string[]` */
  readonly repeatable?: boolean;
}

/** A command's flags keyed by the property name the command's code reads. */
export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** The parsed values of a flag table. */
export type FlagValues<T extends FlagTable> = { -readonly [K in keyof T]: z.output<T[K]['schema']> };

/** A positional argument. */
export interface ArgSpec {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  readonly variadic?: boolean;
}

/** Streams a command writes to, passed in so tests can capture them. */
export interface CommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** What a command's `run` receives. */
export interface CommandContext<T extends FlagTable> extends CommandIo {
  readonly flags: FlagValues<T>;
  /** positional arguments in declaration order (a variadic one is last and holds the rest) */
  readonly args: string[];
  /** aborted on SIGINT/SIGTERM; long jobs stop at a safe point and exit resumable */
  readonly signal: AbortSignal;
}

/** A leaf command. `run` returns its exit code (0 when omitted). */
export interface CommandSpec<T extends FlagTable = FlagTable> {
  readonly kind: 'command';
  readonly name: string;
  readonly summary: string;
  /** longer text for `--help` and the docs, optional */
  readonly description?: string;
  readonly args?: readonly ArgSpec[];
  readonly flags: T;
  /** real invocations shown in `--help` and docs/cli.md */
  readonly examples?: readonly string[];
  run(ctx: CommandContext<T>): Promise<number | undefined> | number | undefined;
}

/** A group of subcommands, e.g. `data` with `info`, `show`, `validate`. */
export interface GroupSpec {
  readonly kind: 'group';
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly AnyCommand[];
}

/** A command or a group, as the registry lists them. */
export type AnyCommand = CommandSpec<FlagTable> | GroupSpec;

/** Declare a leaf command; keeps the flag table's types for `run`. */
export function defineCommand<T extends FlagTable>(spec: Omit<CommandSpec<T>, 'kind'>): CommandSpec<T> {
  return { kind: 'command', ...spec };
}

/** Declare a group of subcommands. */
export function defineGroup(spec: Omit<GroupSpec, 'kind'>): GroupSpec {
  return { kind: 'group', ...spec };
}

/** Declare one flag; a function only so the schema type is inferred. */
export function flag<S extends z.ZodType>(spec: FlagSpec<S>): FlagSpec<S> {
  return spec;
}

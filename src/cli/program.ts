/** Builds the commander program from the command registry and parses flags through their zod schemas. */
import { Command, type CommanderError, Option } from 'commander';
import { EXIT, UserError } from '../core/errors.ts';
import { issuePath } from '../core/zod-issues.ts';
import type { AnyCommand, CommandIo, CommandSpec, FlagSpec, FlagTable } from './define.ts';

/** Commander options created for one flag: the canonical spelling first, then the aliases. */
interface BoundFlag {
  key: string;
  spec: FlagSpec;
  options: Option[];
}

function optionFlags(spec: FlagSpec, name: string, withShort: boolean): string {
  const short = withShort && spec.short !== undefined ? `-${spec.short}, ` : '';
  const value = spec.value === undefined ? '' : spec.repeatable ? ` <${spec.value}...>` : ` <${spec.value}>`;
  return `${short}--${name}${value}`;
}

function bindFlags(command: Command, flags: FlagTable): BoundFlag[] {
  return Object.entries(flags).map(([key, spec]) => {
    const description =
      spec.defaultText === undefined
        ? spec.description
        : `${spec.description} (default: ${spec.defaultText})`;
    const main = new Option(optionFlags(spec, spec.name, true), description);
    const aliases = (spec.aliases ?? []).map((alias) =>
      new Option(optionFlags(spec, alias, false), `alias of --${spec.name}`).hideHelp(),
    );
    for (const option of [main, ...aliases]) command.addOption(option);
    return { key, spec, options: [main, ...aliases] };
  });
}

/** Turn commander's raw option values into typed flag values; names the flag on a bad value. */
export function parseFlagValues(command: Command, bound: BoundFlag[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { key, spec, options } of bound) {
    const given = options
      .map((option) => ({ option, raw: command.getOptionValue(option.attributeName()) as unknown }))
      .filter(({ raw }) => raw !== undefined);
    if (given.length > 1) {
      const names = given.map(({ option }) => option.long).join(' and ');
      throw new UserError(`${names} are the same flag; give it once`);
    }
    const raw = given[0]?.raw;
    const result = spec.schema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue !== undefined && issue.path.length > 0 ? ` (${issuePath(issue.path)})` : '';
      const shown = raw === undefined ? 'is required' : `got ${JSON.stringify(raw)}`;
      throw new UserError(`--${spec.name}: ${issue?.message ?? 'invalid value'}${where}; ${shown}`, {
        hint: `see hrm-lcb ${command.name()} --help`,
      });
    }
    values[key] = result.data;
  }
  return values;
}

/** State shared by every command of one program run. */
export interface ProgramRuntime extends CommandIo {
  signal: AbortSignal;
  /** set by the action of the command that ran */
  exitCode: number;
}

function addLeaf(parent: Command, spec: CommandSpec<FlagTable>, runtime: ProgramRuntime): void {
  const command = parent
    .command(spec.name)
    .summary(spec.summary)
    .description(spec.description ?? spec.summary);
  for (const arg of spec.args ?? []) {
    const name = arg.variadic ? `${arg.name}...` : arg.name;
    command.argument(arg.required ? `<${name}>` : `[${name}]`, arg.description);
  }
  const bound = bindFlags(command, spec.flags);
  if (spec.examples !== undefined && spec.examples.length > 0) {
    command.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  }
  command.action(async (...received: unknown[]) => {
    const positional = received.slice(0, (spec.args ?? []).length).flatMap((value) => {
      if (value === undefined) return [];
      return Array.isArray(value) ? (value as string[]) : [value as string];
    });
    const flags = parseFlagValues(command, bound);
    const code = await spec.run({
      flags: flags as never,
      args: positional,
      stdout: runtime.stdout,
      stderr: runtime.stderr,
      signal: runtime.signal,
    });
    runtime.exitCode = code ?? EXIT.ok;
  });
}

function addCommand(parent: Command, spec: AnyCommand, runtime: ProgramRuntime): void {
  if (spec.kind === 'command') {
    addLeaf(parent, spec, runtime);
    return;
  }
  const group = parent.command(spec.name).summary(spec.summary).description(spec.summary);
  for (const child of spec.commands) addCommand(group, child, runtime);
}

/** Build the `hrm-lcb` program over the given commands; writes help and errors to the runtime's streams. */
export function buildProgram(
  commands: readonly AnyCommand[],
  runtime: ProgramRuntime,
  version: string,
): Command {
  const program = new Command('hrm-lcb')
    .description('LiveCodeBench datasets, HRM training and a safe, LCB-exact evaluation harness.')
    .version(version)
    .showHelpAfterError('(add --help for usage)');
  for (const spec of commands) addCommand(program, spec, runtime);
  const configure = (command: Command): void => {
    command.exitOverride();
    command.configureOutput({
      writeOut: (text) => runtime.stdout.write(text),
      writeErr: (text) => runtime.stderr.write(text),
    });
    for (const child of command.commands) configure(child);
  };
  configure(program);
  return program;
}

/** Exit code for a commander parse error: help and version are success, everything else is usage. */
export function commanderExitCode(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
  // 'commander.help' is help printed because a group was called without a subcommand: a usage error
  return EXIT.usage;
}

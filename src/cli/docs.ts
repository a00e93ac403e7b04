/** Renders docs/cli.md from the command registry, so the docs cannot drift from the flags. */

import { EXIT } from '../core/errors.ts';
import type { AnyCommand, CommandSpec, FlagTable } from './define.ts';

const EXIT_MEANINGS: Record<keyof typeof EXIT, string> = {
  ok: 'success',
  checkFailed: 'the command ran and found what it checks for: mismatches, uncontained attacks, bad rows',
  usage: 'bad flags or arguments',
  input: 'an input file is missing, unreadable or malformed (the message names file, line and field)',
  environment:
    'this machine lacks something the command needs (sandbox, python3, native addon); the hint says how to fix it',
  incomplete:
    'a long job stopped before finishing (infrastructure errors or interrupted); rerun with --resume',
  internal: 'an internal error: a bug in hrm-lcb',
  interrupted: 'interrupted by SIGINT',
};

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function usageLine(path: string, spec: CommandSpec<FlagTable>): string {
  const args = (spec.args ?? []).map((arg) => {
    const name = arg.variadic ? `${arg.name}...` : arg.name;
    return arg.required ? `<${name}>` : `[${name}]`;
  });
  return ['hrm-lcb', path, ...args, Object.keys(spec.flags).length > 0 ? '[flags]' : '']
    .filter((part) => part !== '')
    .join(' ');
}

function renderLeaf(path: string, spec: CommandSpec<FlagTable>): string {
  const out: string[] = [`## \`hrm-lcb ${path}\``, '', spec.description ?? spec.summary, ''];
  out.push('```', usageLine(path, spec), '```', '');
  if ((spec.args ?? []).length > 0) {
    out.push('| argument | meaning |', '|---|---|');
    for (const arg of spec.args ?? []) out.push(`| \`${arg.name}\` | ${escapeCell(arg.description)} |`);
    out.push('');
  }
  const flags = Object.values(spec.flags);
  if (flags.length > 0) {
    out.push('| flag | also accepted | meaning | default |', '|---|---|---|---|');
    for (const flag of flags) {
      const value = flag.value === undefined ? '' : ` ${flag.value}`;
      const short = flag.short === undefined ? '' : `\`-${flag.short}\`, `;
      const aliases = (flag.aliases ?? []).map((alias) => `\`--${alias}\``).join(', ');
      out.push(
        `| ${short}\`--${escapeCell(flag.name + value)}\` | ${aliases} | ${escapeCell(flag.description)} | ${escapeCell(flag.defaultText ?? '')} |`,
      );
    }
    out.push('');
  }
  if (spec.examples !== undefined && spec.examples.length > 0) {
    out.push('Examples:', '', '```sh', ...spec.examples, '```', '');
  }
  return out.join('\n');
}

function renderAll(prefix: string, commands: readonly AnyCommand[], out: string[]): void {
  for (const spec of commands) {
    const path = prefix === '' ? spec.name : `${prefix} ${spec.name}`;
    if (spec.kind === 'command') out.push(renderLeaf(path, spec));
    else renderAll(path, spec.commands, out);
  }
}

function renderIndex(prefix: string, commands: readonly AnyCommand[], out: string[]): void {
  for (const spec of commands) {
    const path = prefix === '' ? spec.name : `${prefix} ${spec.name}`;
    if (spec.kind === 'command') out.push(`| \`hrm-lcb ${path}\` | ${escapeCell(spec.summary)} |`);
    else renderIndex(path, spec.commands, out);
  }
}

/** The whole docs/cli.md text. */
export function renderCliDocs(commands: readonly AnyCommand[]): string {
  const out: string[] = [
    '# `hrm-lcb` command reference',
    '',
    'Generated from the flag tables in `src/cli/commands/` by `npm run docs:cli`; a test fails when this',
    'file is stale. LCB spellings of flags (`--release_version`, `--start_date`, ...) are accepted wherever',
    'the "also accepted" column lists them.',
    '',
    '| command | what it does |',
    '|---|---|',
  ];
  renderIndex('', commands, out);
  out.push('', '## Exit codes', '', '| code | meaning |', '|---|---|');
  for (const [key, code] of Object.entries(EXIT)) {
    out.push(`| ${code} | ${EXIT_MEANINGS[key as keyof typeof EXIT]} |`);
  }
  out.push('');
  renderAll('', commands, out);
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * `hrm-lcb sandbox`: check that this machine isolates untrusted code (`check`: the start-up probe and the
 * attack suite), and run one program the way the graders do (`run`: see why a solution crashed or timed
 * out). docs/sandbox.md explains the isolation and every line these commands print.
 */
import { readFile } from 'node:fs/promises';
import { text as readStream } from 'node:stream/consumers';
import { z } from 'zod';
import { EXIT, InputError } from '../../core/errors.ts';
import { type AttackReport, runAttackSuite } from '../../sandbox/attacks/suite.ts';
import { PROFILES, type ProbeReport, type RunResult, type SandboxProfile } from '../../sandbox/index.ts';
import { defineCommand, defineGroup, flag } from '../define.ts';
import { createSandboxFromFlags, sandboxFlags } from '../flags/sandbox-flags.ts';

const MIB = 1024 * 1024;

const jsonFlag = flag({
  name: 'json',
  description: 'print one JSON object on stdout instead of text',
  schema: z.boolean().default(false),
});

function describeProbe(probe: ProbeReport): string {
  const parts = [
    probe.bwrapVersion === null ? 'bubblewrap missing' : `bubblewrap ${probe.bwrapVersion}`,
    `python ${probe.pythonVersion ?? '?'} (${probe.pythonPath})`,
    `kernel ${probe.kernel}`,
    probe.identity,
  ];
  return `${parts.join(', ')}; probe ${probe.ms} ms`;
}

function renderCheck(probe: ProbeReport, mode: string, reports: AttackReport[]): string {
  const width = Math.max(...reports.map((r) => r.name.length));
  const contained = reports.filter((r) => r.contained).length;
  const lines = [`sandbox: ${mode}; ${describeProbe(probe)}`];
  for (const r of reports) {
    lines.push(`${r.contained ? 'contained    ' : 'NOT contained'}  ${r.name.padEnd(width)}  ${r.detail}`);
  }
  lines.push(`${contained}/${reports.length} contained`);
  return `${lines.join('\n')}\n`;
}

const checkCommand = defineCommand({
  name: 'check',
  summary: 'probe the sandbox and run the attack suite against it; exit 1 if any attack gets out',
  description:
    'Runs the start-up probe, then each attack (network, host files, fork bomb, memory, busy loop, output flood, killing the parent, daemons, disk fill, another slot, ...) through the real sandbox with 2 slots, and prints one line per attack and a summary N/N contained. With --unsafe-no-sandbox it shows what that mode leaves open.',
  flags: { json: jsonFlag, unsafeNoSandbox: sandboxFlags.unsafeNoSandbox },
  examples: ['hrm-lcb sandbox check', 'hrm-lcb sandbox check --json'],
  async run({ flags, stdout, stderr }) {
    const sandbox = await createSandboxFromFlags(
      { sandboxSlots: 2, unsafeNoSandbox: flags.unsafeNoSandbox },
      { stderr },
    );
    let reports: AttackReport[];
    try {
      reports = await runAttackSuite(sandbox);
    } finally {
      await sandbox.close();
    }
    const contained = reports.filter((r) => r.contained).length;
    if (flags.json) {
      const out = {
        mode: sandbox.mode,
        probe: sandbox.probe,
        attacks: reports,
        contained,
        total: reports.length,
      };
      stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      stdout.write(renderCheck(sandbox.probe, sandbox.mode, reports));
    }
    return contained === reports.length ? EXIT.ok : EXIT.checkFailed;
  },
});

async function readInput(path: string): Promise<Buffer> {
  if (path === '-') return Buffer.from(await readStream(process.stdin));
  try {
    return await readFile(path);
  } catch (error) {
    throw new InputError(path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function renderRun(result: RunResult): string {
  const how =
    result.exitCode !== null
      ? `exit code ${result.exitCode}`
      : result.signal !== null
        ? `signal ${result.signal}`
        : (result.infraError ?? '');
  const lines = [
    `status: ${result.status} (${how})`,
    `wall ${result.wallMs.toFixed(1)} ms, cpu ${result.cpuMs.toFixed(1)} ms, max RSS ${(result.maxRssKb / 1024).toFixed(1)} MiB`,
  ];
  if (result.infraError !== undefined && result.exitCode !== null) lines.push(`error: ${result.infraError}`);
  const section = (name: string, text: string) => {
    lines.push(`--- ${name} (${Buffer.byteLength(text)} bytes) ---`);
    if (text !== '') lines.push(text.endsWith('\n') ? text.slice(0, -1) : text);
  };
  section('stdout', result.stdout);
  section('stderr', result.stderr);
  if (result.messages.length > 0) {
    lines.push(`--- messages (${result.messages.length}) ---`);
    for (const message of result.messages) lines.push(Buffer.from(message).toString('utf8'));
  }
  return `${lines.join('\n')}\n`;
}

const runCommand = defineCommand({
  name: 'run',
  summary: 'run one Python program in the sandbox the way the graders do and print what happened',
  description:
    'Runs FILE as `python3 FILE` inside a sandbox slot (fork-server, kernel limits, wall timer, output caps) and prints the result: status, exit code or signal, wall and CPU time, peak memory, stdout, stderr and any hrm_sandbox messages.',
  args: [{ name: 'FILE', description: 'the Python program to run', required: true }],
  flags: {
    stdin: flag({
      name: 'stdin',
      description: "file whose bytes are the program's stdin (`-`: this command's own stdin)",
      value: 'FILE',
      schema: z.string().optional(),
    }),
    timeout: flag({
      name: 'timeout',
      description: 'wall-clock limit in seconds (CPU limit: one second more)',
      value: 'S',
      schema: z.coerce.number().positive().max(86_400).default(6),
      defaultText: '6',
    }),
    memory: flag({
      name: 'memory',
      description: 'address-space limit (RLIMIT_AS) in MiB',
      value: 'MB',
      schema: z.coerce
        .number()
        .int()
        .min(256)
        .max(1 << 20)
        .default(2048),
      defaultText: '2048',
    }),
    profile: flag({
      name: 'profile',
      description: `modules imported before the run: ${PROFILES.join(' or ')} (scientific adds numpy and pandas)`,
      value: 'NAME',
      schema: z.enum(PROFILES as [SandboxProfile, ...SandboxProfile[]]).default('lcb'),
      defaultText: 'lcb',
    }),
    json: jsonFlag,
    unsafeNoSandbox: sandboxFlags.unsafeNoSandbox,
  },
  examples: [
    'hrm-lcb sandbox run solution.py --stdin input.txt',
    'hrm-lcb sandbox run solution.py --stdin input.txt --timeout 2 --memory 512 --json',
  ],
  async run({ flags, args, stdout, stderr }) {
    const file = args[0]!;
    const source = (await readInput(file)).toString('utf8');
    const stdin = flags.stdin === undefined ? Buffer.alloc(0) : await readInput(flags.stdin);
    const sandbox = await createSandboxFromFlags(
      { sandboxSlots: 1, unsafeNoSandbox: flags.unsafeNoSandbox },
      { stderr },
    );
    let result: RunResult;
    try {
      result = await sandbox.run({
        source,
        stdin,
        profile: flags.profile,
        limits: { wallMs: Math.round(flags.timeout * 1000), memoryBytes: flags.memory * MIB },
      });
    } finally {
      await sandbox.close();
    }
    if (flags.json) {
      const messages = result.messages.map((m) => Buffer.from(m).toString('base64'));
      stdout.write(`${JSON.stringify({ ...result, messages }, null, 2)}\n`);
    } else {
      stdout.write(renderRun(result));
    }
    return result.status === 'infrastructure-error' ? EXIT.incomplete : EXIT.ok;
  },
});

/** `hrm-lcb sandbox check|run`. */
export const sandboxCommand = defineGroup({
  name: 'sandbox',
  summary: 'check the sandbox on this machine, or run one program in it',
  commands: [checkCommand, runCommand],
});

/**
 * The two baselines the fork-server is measured against: a fresh interpreter per program, either inside
 * a fresh bubblewrap sandbox (same mounts, same per-lane uid, limits through prlimit) or as a plain
 * process (prlimit + process-group kill + the same output handling). Both pass the program on fd 3 or
 * `-c` and use `python3 -I -S -B`, the fastest cold start (docs/sandbox.md).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { bwrapArgs } from '../../src/sandbox/bwrap.ts';
import { DEFAULT_SHM_BYTES, DEFAULT_TMP_BYTES, slotIdentity } from '../../src/sandbox/launch.ts';
import { DEFAULT_LIMITS } from '../../src/sandbox/limits.ts';

const PYTHON = '/usr/bin/python3';

/** What one baseline run returns. */
export interface SpawnResult {
  stdout: string;
  exitCode: number | null;
}

function prlimitArgs(): string[] {
  const l = DEFAULT_LIMITS;
  const cpuSeconds = Math.ceil(l.cpuMs / 1000);
  return [
    '/usr/bin/prlimit',
    `--as=${l.memoryBytes}`,
    `--cpu=${cpuSeconds}:${cpuSeconds + 1}`,
    `--nproc=${l.processes}`,
    `--fsize=${l.fileBytes}`,
    `--nofile=${l.openFiles}`,
    '--core=0',
    '--',
  ];
}

function collect(
  command: string,
  args: string[],
  stdin: string,
  lane: number,
  source?: string,
): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
      cwd: '/',
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe', source === undefined ? 'ignore' : 'pipe'],
      ...slotIdentity(lane),
    });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), DEFAULT_LIMITS.wallMs);
    child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr!.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(chunks).toString('utf8'), exitCode: code });
    });
    if (source !== undefined) (child.stdio[3] as NodeJS.WritableStream).end(source);
    child.stdin!.end(stdin);
  });
}

/** A fresh bwrap sandbox and interpreter for one program (the program arrives on fd 3). */
export function bwrapSpawnRun(source: string, stdin: string, lane: number): Promise<SpawnResult> {
  const plan = {
    tmpBytes: DEFAULT_TMP_BYTES,
    shmBytes: DEFAULT_SHM_BYTES,
    extraMounts: ['--dir', '/sandbox', '--ro-bind-data', '3', '/sandbox/main.py'],
    command: [...prlimitArgs(), PYTHON, '-I', '-S', '-B', '/sandbox/main.py'],
  };
  return collect('/usr/bin/bwrap', bwrapArgs(plan, existsSync), stdin, lane, source);
}

/** A plain interpreter process with kernel limits for one program: no isolation at all. */
export function plainSpawnRun(source: string, stdin: string, lane: number): Promise<SpawnResult> {
  const [command, ...args] = [...prlimitArgs(), PYTHON, '-I', '-S', '-B', '-c', source];
  return collect(command!, args, stdin, lane);
}

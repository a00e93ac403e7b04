/**
 * The attack suite behind `hrm-lcb sandbox check` and the CI tests: every attack of issue 4 (and a few
 * more) against the real sandbox, bounded in count and time, loopback only. It sets up the host fixtures
 * the attacks aim at, runs them one after another, and tears the fixtures down.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slotIdentity } from '../launch.ts';
import type { SandboxPool } from '../sandbox-pool.ts';
import type { Attack, AttackContext, AttackOutcome } from './attack.ts';
import { crossSlotAttack, diskFillAttack, hostReadAttack, hostWriteAttack } from './filesystem.ts';
import { kernelSurfaceAttack, namespaceAttack } from './kernel.ts';
import { networkAttack } from './network.ts';
import {
  busyLoopAttack,
  daemonAttack,
  forkBombAttack,
  killParentAttack,
  serverMemoryAttack,
  tamperServerAttack,
} from './processes.ts';
import { memoryAttack, outputFloodAttack } from './resources.ts';

/** Every attack, in the order `sandbox check` runs and prints them. */
export const ATTACKS: readonly Attack[] = [
  networkAttack,
  hostWriteAttack,
  hostReadAttack,
  forkBombAttack,
  memoryAttack,
  busyLoopAttack,
  outputFloodAttack,
  killParentAttack,
  daemonAttack,
  diskFillAttack,
  crossSlotAttack,
  tamperServerAttack,
  serverMemoryAttack,
  namespaceAttack,
  kernelSurfaceAttack,
];

/** The result of one attack. */
export interface AttackReport extends AttackOutcome {
  name: string;
  summary: string;
  ms: number;
}

interface Fixtures {
  context: AttackContext;
  teardown: () => Promise<void>;
}

async function setUp(sandbox: SandboxPool): Promise<Fixtures> {
  const nonce = randomBytes(6).toString('hex');
  const hostDir = mkdtempSync(join(tmpdir(), 'hrm-lcb-attack-'));
  chmodSync(hostDir, 0o755);
  const secret = `host-secret-${nonce}`;
  const secretFile = join(hostDir, 'secret.txt');
  writeFileSync(secretFile, secret, { mode: 0o644 });
  let connections = 0;
  const sockets: Socket[] = [];
  const listener = createServer((socket) => {
    connections++;
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const victim = spawn('/usr/bin/sleep', ['600'], { stdio: 'ignore', ...slotIdentity(0) });
  const context: AttackContext = {
    sandbox,
    nonce,
    hostDir,
    secretFile,
    secret,
    secretEnvName: 'HRM_LCB_ATTACK_SECRET',
    secretEnvValue: `env-secret-${nonce}`,
    projectDir: process.cwd(),
    port,
    connections: () => connections,
    victimPid: victim.pid ?? -1,
    unsafe: sandbox.mode === 'unsafe-no-sandbox',
  };
  const teardown = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    victim.kill('SIGKILL');
    rmSync(hostDir, { recursive: true, force: true });
  };
  return { context, teardown };
}

/**
 * Run the attacks (all, or those named in `only`) against `sandbox`, which should have at least 2 slots.
 * `onResult` sees each report as soon as its attack finishes.
 */
export async function runAttackSuite(
  sandbox: SandboxPool,
  options: { only?: readonly string[]; onResult?: (report: AttackReport) => void } = {},
): Promise<AttackReport[]> {
  const chosen = options.only === undefined ? ATTACKS : ATTACKS.filter((a) => options.only!.includes(a.name));
  const { context, teardown } = await setUp(sandbox);
  const reports: AttackReport[] = [];
  try {
    for (const attack of chosen) {
      const started = performance.now();
      let outcome: AttackOutcome;
      try {
        outcome = await attack.run(context);
      } catch (error) {
        outcome = { contained: false, detail: `the attack failed to run: ${(error as Error).message}` };
      }
      const report = {
        name: attack.name,
        summary: attack.summary,
        ...outcome,
        ms: Math.round(performance.now() - started),
      };
      reports.push(report);
      options.onResult?.(report);
    }
  } finally {
    await teardown();
  }
  return reports;
}

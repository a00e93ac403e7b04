/**
 * How Node's side survives a fork-server that dies, hangs or talks nonsense: the run in flight becomes an
 * infrastructure error (never a verdict) and the slot gets a fresh server. The real server cannot be made
 * to hang or garble from inside a run, so those two cases use small stand-in server programs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ForkServer } from '../../src/sandbox/fork-server.ts';
import { isAlive } from '../../src/sandbox/host-processes.ts';
import { DEFAULT_LIMITS } from '../../src/sandbox/limits.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { sharedSandbox } from './shared-sandbox.ts';

const sandbox = await sharedSandbox();
after(() => sandbox.close());

const HELLO = `
import json, os, struct, sys
def send(kind, payload):
    os.write(1, struct.pack(">cI", kind, len(payload)) + payload)
send(b"H", json.dumps({"pid": os.getpid(), "python": "stand-in", "profile": "lcb", "preloadMs": 0, "seccomp": False}).encode())
`;

function standIn(body: string): ForkServer {
  return new ForkServer(
    { command: '/usr/bin/python3', args: ['-I', '-c', HELLO + body], env: {}, cwd: '/' },
    { watchdogGraceMs: 300, startTimeoutMs: 10_000 },
  );
}

const run = (server: ForkServer, wallMs = 200) =>
  server.run({ source: Buffer.from('pass'), stdin: Buffer.alloc(0), limits: { ...DEFAULT_LIMITS, wallMs } });

describe('fork-server failures', () => {
  it('a server killed during a run: that run is an infrastructure error, the next run gets a new server', async () => {
    await sandbox.runOnSlot(1, { source: 'pass' });
    const [serverPid] = sandbox.serverPids()[1]!;
    const restarts = sandbox.restarts;
    const running = sandbox.runOnSlot(1, {
      source: 'import time\nprint("started", flush=True)\ntime.sleep(30)',
    });
    setTimeout(() => process.kill(serverPid!, 'SIGKILL'), 500);
    const result = await running;
    assert.equal(result.status, 'infrastructure-error');
    assert.match(
      result.infraError ?? '',
      /fork-server died during the run \(fork-server was killed by SIGKILL\)/,
    );
    assert.equal(result.exitCode, null);
    const next = await sandbox.runOnSlot(1, { source: 'print("fresh")' });
    assert.equal(next.stdout, 'fresh\n');
    assert.notEqual(sandbox.serverPids()[1]![0], serverPid);
    assert.equal(sandbox.restarts, restarts + 1);
  });

  it('a server that does not answer is killed by the watchdog', async () => {
    const server = standIn('import time\ntime.sleep(60)');
    const hello = await server.start();
    assert.equal(hello.python, 'stand-in');
    const started = performance.now();
    const result = await run(server);
    assert.equal(result.status, 'infrastructure-error');
    assert.match(result.infraError ?? '', /did not answer within the wall limit \+ 300 ms/);
    assert.ok(performance.now() - started < 5000);
    await server.kill();
    assert.equal(isAlive(hello.pid), false);
  });

  it('a server that sends an unknown frame is dropped', async () => {
    const server = standIn('sys.stdin.buffer.read(1)\nsend(b"Z", b"")\nimport time\ntime.sleep(60)');
    await server.start();
    const result = await run(server, 5000);
    assert.equal(result.status, 'infrastructure-error');
    assert.match(
      result.infraError ?? '',
      /fork-server sent garbage: fork-server sent an unknown frame kind 90/,
    );
    assert.equal(server.usable, false);
    await server.kill();
  });

  it('a server whose result is not JSON is dropped', async () => {
    const server = standIn('sys.stdin.buffer.read(1)\nsend(b"D", b"{not json")\nimport time\ntime.sleep(60)');
    await server.start();
    const result = await run(server, 5000);
    assert.equal(result.status, 'infrastructure-error');
    assert.match(result.infraError ?? '', /fork-server sent garbage: .*JSON/);
    await server.kill();
  });

  it('a server that cannot start rejects with what it printed', async () => {
    const server = new ForkServer({
      command: '/usr/bin/python3',
      args: ['-I', '-c', 'import sys\nsys.stderr.write("no numpy here\\n")\nsys.exit(3)'],
      env: {},
      cwd: '/',
    });
    await assert.rejects(server.start(), /fork-server exited with code 3: no numpy here/);
  });

  it('an idle sandbox never keeps Node running', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hrm-lcb-idle-'));
    try {
      const script = join(dir, 'idle.mts');
      writeFileSync(
        script,
        `import { createSandbox } from ${JSON.stringify(join(REPO_ROOT, 'src/sandbox/index.ts'))};\n` +
          'const sandbox = await createSandbox({ slots: 1 });\n' +
          "const result = await sandbox.run({ source: 'print(6 * 7)' });\n" +
          'console.log(result.stdout.trim());\n',
      );
      const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(child.signal, null, 'Node did not exit by itself');
      assert.equal(child.status, 0, child.stderr);
      assert.equal(child.stdout, '42\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

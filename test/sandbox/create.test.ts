import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import { EnvironmentError, EXIT, UserError } from '../../src/core/errors.ts';
import { runAttackSuite } from '../../src/sandbox/attacks/suite.ts';
import { createSandbox } from '../../src/sandbox/index.ts';

describe('createSandbox policy', () => {
  it('uses bubblewrap with one slot per core by default', async () => {
    const sandbox = await createSandbox();
    try {
      assert.equal(sandbox.mode, 'bwrap');
      assert.equal(sandbox.slots, availableParallelism());
      assert.equal(sandbox.probe.ok, true);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses to run untrusted code without bubblewrap, saying how to fix it (exit 4)', async () => {
    await assert.rejects(createSandbox({ bwrapPath: '/nonexistent/bwrap' }), (error: unknown) => {
      assert.ok(error instanceof EnvironmentError);
      assert.equal(error.exitCode, EXIT.environment);
      assert.match(error.message, /bubblewrap \(bwrap\) is not installed/);
      assert.match(error.hint ?? '', /apt-get install -y --no-install-recommends bubblewrap/);
      return true;
    });
  });

  it('rejects a bad slot count', async () => {
    await assert.rejects(createSandbox({ slots: 0 }), UserError);
    await assert.rejects(createSandbox({ slots: 1.5 }), /whole number/);
  });

  it('refuses even the unsafe mode without python3', async () => {
    await assert.rejects(
      createSandbox({ unsafeNoSandbox: true, pythonPath: '/nonexistent/python3', warn: () => {} }),
      EnvironmentError,
    );
  });
});

describe('sandbox lifecycle', () => {
  it('replaces a fork-server after maxRunsPerServer runs, without the runs noticing', async () => {
    const sandbox = await createSandbox({ slots: 1, maxRunsPerServer: 3 });
    try {
      const servers = new Set<number>();
      for (let i = 0; i < 7; i++) {
        const result = await sandbox.run({ source: `print(${i})` });
        assert.equal(result.stdout, `${i}\n`);
        const pid = sandbox.serverPids()[0]![0];
        if (pid !== undefined) servers.add(pid); // undefined right after a server retired
      }
      assert.equal(servers.size, 3, `7 runs at 3 per server used servers ${[...servers]}`);
      assert.equal(sandbox.restarts, 0, 'a planned replacement is not a restart');
    } finally {
      await sandbox.close();
    }
  });

  it('answers promptly after a run that leaves a flood of files, and the next run starts clean', async () => {
    const sandbox = await createSandbox({ slots: 1 });
    try {
      const flood =
        'import os, time\nos.mkdir("d")\nn, t = 0, time.time()\nwhile time.time() - t < 1.5:\n    open("d/%d" % n, "w").close()\n    n += 1\nprint(n)';
      const started = performance.now();
      const result = await sandbox.run({ source: flood });
      assert.equal(result.status, 'exited', result.stderr);
      assert.ok(performance.now() - started < 1500 + 4000, 'the wipe of the files held the result back');
      const next = await sandbox.run({ source: 'import os\nprint(os.listdir("."))' });
      assert.equal(next.stdout, "['main.py']\n");
    } finally {
      await sandbox.close();
    }
  });

  it('reports runs after close as infrastructure errors and closes idempotently', async () => {
    const sandbox = await createSandbox({ slots: 1 });
    await sandbox.run({ source: 'pass' });
    await sandbox.close();
    await sandbox.close();
    const late = await sandbox.run({ source: 'print(1)' });
    assert.equal(late.status, 'infrastructure-error');
    assert.match(late.infraError ?? '', /the sandbox was closed/);
    assert.deepEqual(sandbox.serverPids(), [[]]);
  });
});

describe('--unsafe-no-sandbox', () => {
  it('warns loudly, runs programs with limits, and cleans up its work directories', async () => {
    const warnings: string[] = [];
    const sandbox = await createSandbox({
      slots: 1,
      unsafeNoSandbox: true,
      bwrapPath: '/nonexistent/bwrap',
      warn: (text) => warnings.push(text),
    });
    const workRoot = sandbox.unsafeWorkRoot!;
    assert.ok(existsSync(workRoot));
    try {
      assert.equal(sandbox.mode, 'unsafe-no-sandbox');
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /WITHOUT isolation/);
      assert.match(warnings[0]!, /NOT contained: network access/);
      assert.match(warnings[0]!, /bubblewrap \(bwrap\) is not installed/);
      const ok = await sandbox.run({
        source: 'import os\nprint(sum(range(10)), os.getcwd().endswith("slot-0"))',
      });
      assert.equal(ok.stdout, '45 True\n');
      const late = await sandbox.run({ source: 'while True:\n    pass', limits: { wallMs: 300 } });
      assert.equal(late.status, 'timeout');
      const big = await sandbox.run({
        source: 'x = bytearray(900 << 20)',
        limits: { memoryBytes: 512 << 20 },
      });
      assert.match(big.stderr, /MemoryError/);
    } finally {
      await sandbox.close();
    }
    assert.equal(existsSync(workRoot), false);
  });

  it('refuses kill(-1) and signals to the fork-server, which would reach this user', async () => {
    const sandbox = await createSandbox({ slots: 1, unsafeNoSandbox: true, warn: () => {} });
    try {
      // signal 0 only checks permission: nothing is signalled even if the filter were missing
      const result = await sandbox.run({
        source:
          'import os\nfor pid in (-1, os.getppid()):\n    try:\n        os.kill(pid, 0)\n        print("allowed")\n    except PermissionError:\n        print("refused")',
      });
      assert.equal(result.stdout, 'refused\nrefused\n', result.stderr);
    } finally {
      await sandbox.close();
    }
  });

  it('contains the process attacks but not the host ones (what docs/sandbox.md says)', async () => {
    const sandbox = await createSandbox({ slots: 2, unsafeNoSandbox: true, warn: () => {} });
    try {
      const reports = await runAttackSuite(sandbox);
      const contained = new Set(reports.filter((r) => r.contained).map((r) => r.name));
      for (const name of [
        'fork-bomb',
        'memory',
        'busy-loop',
        'output-flood',
        'kill-parent',
        'daemon',
        'tamper-server',
      ]) {
        assert.ok(contained.has(name), `${name}: ${reports.find((r) => r.name === name)?.detail}`);
      }
      for (const name of ['network', 'host-write', 'host-read', 'disk-fill']) {
        assert.ok(!contained.has(name), `${name} should not be contained without the sandbox`);
      }
    } finally {
      await sandbox.close();
    }
  });
});

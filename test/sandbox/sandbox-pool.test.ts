import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { UserError } from '../../src/core/errors.ts';
import { sharedSandbox } from './shared-sandbox.ts';

const sandbox = await sharedSandbox();
after(() => sandbox.close());

describe('sandbox runs', () => {
  it('runs a stdin program and reports its output, exit status and resources', async () => {
    const result = await sandbox.run({
      source: 'import sys\nprint(sum(map(int, sys.stdin.read().split())))',
      stdin: '1 2 3 4\n',
    });
    assert.equal(result.status, 'exited');
    assert.equal(result.exitCode, 0);
    assert.equal(result.signal, null);
    assert.equal(result.stdout, '10\n');
    assert.equal(result.stderr, '');
    assert.equal(result.timedOut, false);
    assert.equal(result.outputCapped, false);
    assert.ok(result.wallMs > 0 && result.wallMs < 5000, `wall ${result.wallMs}`);
    assert.ok(result.cpuMs > 0, `cpu ${result.cpuMs}`);
    assert.ok(result.maxRssKb > 1000, `rss ${result.maxRssKb}`);
  });

  it('keeps stdout and stderr apart and reports a crash as a non-zero exit with the traceback', async () => {
    const result = await sandbox.run({
      source: 'import sys\nprint("out")\nprint("err", file=sys.stderr)\n1/0',
    });
    assert.equal(result.status, 'exited');
    assert.equal(result.exitCode, 1);
    assert.equal(result.stdout, 'out\n');
    assert.match(
      result.stderr,
      /^err\nTraceback \(most recent call last\):\n {2}File "\/tmp\/main.py", line 4, in <module>\n/,
    );
    assert.match(result.stderr, /ZeroDivisionError: division by zero\n$/);
  });

  it('reports a signal death as signaled with the signal name', async () => {
    const result = await sandbox.run({ source: 'import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)' });
    assert.equal(result.status, 'signaled');
    assert.equal(result.signal, 'SIGSEGV');
    assert.equal(result.exitCode, null);
  });

  it('kills a program at the wall limit, with every process it started', async () => {
    const started = performance.now();
    const result = await sandbox.run({
      source: 'import os\nos.fork()\nwhile True:\n    pass',
      limits: { wallMs: 300 },
    });
    assert.equal(result.status, 'timeout');
    assert.equal(result.timedOut, true);
    assert.equal(result.signal, 'SIGKILL');
    assert.ok(result.wallMs >= 300 && result.wallMs < 2000, `wall ${result.wallMs}`);
    assert.ok(performance.now() - started < 5000);
  });

  it('stops a program at RLIMIT_CPU with SIGXCPU when its CPU limit is below the wall limit', async () => {
    const result = await sandbox.run({
      source: 'while True:\n    pass',
      limits: { wallMs: 30_000, cpuMs: 1000 },
    });
    assert.equal(result.status, 'signaled');
    assert.equal(result.signal, 'SIGXCPU');
    assert.ok(result.cpuMs >= 500, `cpu ${result.cpuMs}`); // rusage lags the kernel's RLIMIT_CPU clock under load
  });

  it('cuts stdout at its cap, keeps exactly the cap and kills the program', async () => {
    const result = await sandbox.run({
      source: 'import sys\nwhile True:\n    sys.stdout.write("y" * 4096)',
      limits: { stdoutBytes: 10_000 },
    });
    assert.equal(result.status, 'output-capped');
    assert.equal(result.outputCapped, true);
    assert.equal(result.stdout, 'y'.repeat(10_000));
  });

  it('delivers messages in order, separately from stdout, even when stdout imitates the framing', async () => {
    const seen: string[] = [];
    const result = await sandbox.run({
      source: [
        'import hrm_sandbox, sys, os',
        'sys.stdout.buffer.write(bytes([0, 0, 0, 5]) + b"forge")',
        'for i in range(5):',
        '    hrm_sandbox.emit(b"message %d" % i)',
        'hrm_sandbox.emit(bytes(range(256)))',
        'print("done")',
      ].join('\n'),
      onMessage: (m) => {
        seen.push(Buffer.from(m).toString('latin1'));
        return 'continue';
      },
    });
    assert.equal(result.status, 'exited');
    const expected = [
      'message 0',
      'message 1',
      'message 2',
      'message 3',
      'message 4',
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('latin1'),
    ];
    assert.deepEqual(seen, expected);
    assert.deepEqual(
      result.messages.map((m) => Buffer.from(m).toString('latin1')),
      expected,
    );
    assert.equal(result.stdout, '\u0000\u0000\u0000\u0005forgedone\n');
  });

  it('rejects a str message with a TypeError inside the program', async () => {
    const result = await sandbox.run({ source: 'import hrm_sandbox\nhrm_sandbox.emit("text")' });
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /TypeError: hrm_sandbox.emit\(\) takes bytes, not str/);
  });

  it('stops a run when onMessage says stop, keeping the messages up to it', async () => {
    const result = await sandbox.run({
      source:
        'import hrm_sandbox, time\nfor i in range(100):\n    hrm_sandbox.emit(b"%d" % i)\n    time.sleep(0.01)\nprint("finished")',
      onMessage: (m) => (Buffer.from(m).toString() === '2' ? 'stop' : 'continue'),
    });
    assert.equal(result.status, 'stopped');
    assert.deepEqual(
      result.messages.map((m) => Buffer.from(m).toString()),
      ['0', '1', '2'],
    );
    assert.equal(result.stdout, '');
  });

  it('stops a run when its AbortSignal fires, and at once when it is already aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const running = await sandbox.run({ source: 'import time\ntime.sleep(30)', signal: controller.signal });
    assert.equal(running.status, 'stopped');
    assert.ok(running.wallMs < 5000);
    const aborted = await sandbox.run({ source: 'import time\ntime.sleep(30)', signal: AbortSignal.abort() });
    assert.equal(aborted.status, 'stopped');
    assert.equal(aborted.wallMs, 0, 'a run aborted before it got a slot never starts');
  });

  it('passes binary stdin exactly and decodes invalid UTF-8 output with replacement characters', async () => {
    const bytes = new Uint8Array([0, 255, 10, 13, 10, 200]);
    const result = await sandbox.run({
      source:
        'import sys\ndata = sys.stdin.buffer.read()\nprint(list(data))\nsys.stdout.flush()\nsys.stdout.buffer.write(b"\\xff\\xfeok")',
      stdin: bytes,
    });
    assert.equal(result.stdout, '[0, 255, 10, 13, 10, 200]\n\ufffd\ufffdok');
  });

  it('handles a 20 MB stdin and a 5 MB stdout', async () => {
    const line = `${'7 '.repeat(50)}\n`;
    const stdin = line.repeat(Math.ceil(20e6 / line.length));
    const result = await sandbox.run({
      source: 'import sys\ndata = sys.stdin.read()\nprint(len(data))\nsys.stdout.write("z" * 5_000_000)',
      stdin,
      limits: { wallMs: 20_000 },
    });
    assert.equal(result.status, 'exited');
    assert.equal(result.stdout, `${stdin.length}\n${'z'.repeat(5_000_000)}`);
  });

  it('runs requests concurrently on every slot and queues the rest', async () => {
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        sandbox.run({ source: `import time\ntime.sleep(0.4)\nprint(${i})` }),
      ),
    );
    const elapsed = performance.now() - started;
    assert.deepEqual(
      results.map((r) => r.stdout),
      ['0\n', '1\n', '2\n', '3\n', '4\n', '5\n'],
    );
    assert.ok(elapsed >= 1150, `6 runs of 0.4 s on 2 slots took ${elapsed} ms`);
  });

  it('imports numpy and pandas in the scientific profile, with one BLAS thread', async () => {
    const result = await sandbox.run({
      profile: 'scientific',
      source:
        'import numpy as np, pandas as pd, os\nprint(int(np.arange(10).sum()), len(pd.DataFrame({"a": [1, 2]})), os.environ["OPENBLAS_NUM_THREADS"])',
      limits: { wallMs: 20_000 },
    });
    assert.equal(result.stdout, '45 2 1\n', result.stderr);
  });

  it('rejects a malformed request with a UserError', async () => {
    await assert.rejects(sandbox.run({ source: 42 } as never), UserError);
    await assert.rejects(sandbox.run({ source: '', profile: 'gpu' } as never), /profile/);
    await assert.rejects(sandbox.run({ source: '', limits: { wallMs: -1 } }), /wallMs/);
  });
});

describe('a caller bug in onMessage', () => {
  it('stops the run and rejects with the error, and the slot keeps serving', async () => {
    const bug = new Error('caller bug');
    await assert.rejects(
      sandbox.runOnSlot(0, {
        source: 'import hrm_sandbox, time\nhrm_sandbox.emit(b"x")\ntime.sleep(30)',
        onMessage: () => {
          throw bug;
        },
      }),
      (error: unknown) => error === bug,
    );
    assert.equal((await sandbox.runOnSlot(0, { source: 'print("ok")' })).stdout, 'ok\n');
  });
});

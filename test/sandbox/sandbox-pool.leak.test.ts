/**
 * 1,000 runs of normal, crashing, timing-out, forking and flooding programs through one sandbox: every
 * result is the expected one, and afterwards no process of a run is left, Node holds no more file
 * descriptors than before, and its memory has not grown beyond noise.
 */
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openFdCount, runProcessesUnder } from '../../src/sandbox/host-processes.ts';
import type { RunRequest, RunResult } from '../../src/sandbox/index.ts';
import { sharedSandbox } from './shared-sandbox.ts';

const sandbox = await sharedSandbox();
after(() => sandbox.close());

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Case {
  request: RunRequest;
  check: (result: RunResult) => boolean;
}

function caseFor(i: number): Case {
  switch (i % 20) {
    case 0:
      return {
        request: { source: '1/0' },
        check: (r) => r.exitCode === 1 && r.stderr.includes('ZeroDivisionError'),
      };
    case 1:
      return {
        request: { source: 'while True:\n    pass', limits: { wallMs: 100 } },
        check: (r) => r.status === 'timeout',
      };
    case 2:
      return {
        request: { source: 'import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)' },
        check: (r) => r.signal === 'SIGSEGV',
      };
    case 3:
      return {
        request: { source: 'import os, time\nif os.fork() == 0:\n    time.sleep(60)\nprint("parent")' },
        check: (r) => r.stdout === 'parent\n',
      };
    case 4:
      return {
        request: { source: 'print("x" * 100000)', limits: { stdoutBytes: 1000 } },
        check: (r) => r.status === 'output-capped' && r.stdout.length === 1000,
      };
    case 5:
      return {
        request: { source: 'import hrm_sandbox\nhrm_sandbox.emit(b"m")\nprint(input())', stdin: `${i}\n` },
        check: (r) => r.messages.length === 1 && r.stdout === `${i}\n`,
      };
    default:
      return {
        request: {
          source: 'import sys\nprint(sum(map(int, sys.stdin.read().split())))',
          stdin: `${i} ${i} 1`,
        },
        check: (r) => r.status === 'exited' && r.stdout === `${2 * i + 1}\n`,
      };
  }
}

async function runMany(from: number, count: number): Promise<void> {
  const cases = Array.from({ length: count }, (_, k) => caseFor(from + k));
  const results = await Promise.all(cases.map((c) => sandbox.run(c.request)));
  results.forEach((result, k) => {
    assert.ok(
      cases[k]!.check(result),
      `run ${from + k}: ${JSON.stringify({ ...result, messages: result.messages.length })}`,
    );
  });
}

function leftovers(): number[] {
  return sandbox.serverPids().flatMap((pids) => pids.flatMap((pid) => runProcessesUnder(pid, sandbox.mode)));
}

it('1,000 mixed runs leave no process, no file descriptor and no memory behind', async () => {
  await runMany(0, 100); // warm-up: servers started, code paths compiled
  gc();
  const fdsBefore = openFdCount();
  const rssBefore = process.memoryUsage().rss;
  const restartsBefore = sandbox.restarts;
  for (let from = 100; from < 1100; from += 100) await runMany(from, 100);
  gc();
  const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 1e6;
  assert.deepEqual(leftovers(), []);
  assert.equal(openFdCount(), fdsBefore);
  assert.equal(sandbox.restarts, restartsBefore);
  assert.ok(rssGrowthMb < 40, `Node's RSS grew by ${rssGrowthMb.toFixed(1)} MB over 1,000 runs`);
});

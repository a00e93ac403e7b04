import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EXIT } from '../../src/core/errors.ts';
import { runHrmLcb } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'hrm-lcb-cli-sandbox-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const sum = file('sum.py', 'import sys\nprint(sum(map(int, sys.stdin.read().split())))\n');
const input = file('input.txt', '1 2 3 4 5\n');

describe('hrm-lcb sandbox run', () => {
  it('runs a program on the given stdin and prints what happened', async () => {
    const result = await runHrmLcb(['sandbox', 'run', sum, '--stdin', input]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'status: exited (exit code 0)');
    assert.match(lines[1]!, /^wall [\d.]+ ms, cpu [\d.]+ ms, max RSS [\d.]+ MiB$/);
    assert.deepEqual(lines.slice(2), ['--- stdout (3 bytes) ---', '15', '--- stderr (0 bytes) ---', '']);
  });

  it('prints the result object with --json, and reads stdin from its own stdin with --stdin -', async () => {
    const result = await runHrmLcb(['sandbox', 'run', sum, '--stdin', '-', '--json'], { input: '40 2' });
    assert.equal(result.code, 0, result.stderr);
    const parsed = JSON.parse(result.stdout);
    assert.equal(parsed.status, 'exited');
    assert.equal(parsed.exitCode, 0);
    assert.equal(parsed.stdout, '42\n');
    assert.deepEqual(parsed.messages, []);
    for (const key of ['signal', 'stderr', 'wallMs', 'cpuMs', 'maxRssKb', 'timedOut', 'outputCapped']) {
      assert.ok(key in parsed, key);
    }
  });

  it('shows why a solution timed out or crashed', async () => {
    const loop = file('loop.py', 'while True:\n    pass\n');
    const timedOut = await runHrmLcb(['sandbox', 'run', loop, '--timeout', '0.5']);
    assert.equal(timedOut.code, 0);
    assert.match(timedOut.stdout, /^status: timeout \(signal SIGKILL\)\n/);
    const crash = file('crash.py', 'x = [0] * (300 * 1024 * 1024)\n');
    const crashed = await runHrmLcb(['sandbox', 'run', crash, '--memory', '512']);
    assert.match(crashed.stdout, /^status: exited \(exit code 1\)\n/);
    assert.match(crashed.stdout, /MemoryError\n/);
  });

  it('names a missing program file (exit 3) and rejects a bad --timeout (exit 2)', async () => {
    const missing = await runHrmLcb(['sandbox', 'run', join(dir, 'nope.py')]);
    assert.equal(missing.code, EXIT.input);
    assert.match(missing.stderr, /nope\.py: cannot read file: ENOENT/);
    const bad = await runHrmLcb(['sandbox', 'run', sum, '--timeout', 'soon']);
    assert.equal(bad.code, EXIT.usage);
    assert.match(bad.stderr, /--timeout/);
  });

  it('warns loudly with --unsafe-no-sandbox and still runs the program', async () => {
    const result = await runHrmLcb(['sandbox', 'run', sum, '--stdin', input, '--unsafe-no-sandbox']);
    assert.equal(result.code, 0);
    assert.match(result.stderr, /WARNING: --unsafe-no-sandbox: model-written code runs WITHOUT isolation/);
    assert.match(result.stdout, /--- stdout \(3 bytes\) ---\n15\n/);
  });
});

describe('hrm-lcb sandbox check', () => {
  it('refuses without bubblewrap, with the cause and the apt-get fix (exit 4)', async () => {
    const result = await runHrmLcb(['sandbox', 'check'], { env: { HRM_LCB_BWRAP: '/nonexistent/bwrap' } });
    assert.equal(result.code, EXIT.environment);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.split('\n')[0], 'hrm-lcb: error: bubblewrap (bwrap) is not installed');
    assert.match(
      result.stderr,
      /^hrm-lcb: hint: sudo apt-get install -y --no-install-recommends bubblewrap/m,
    );
  });

  it('runs the probe and every attack; all contained, exit 0', async () => {
    const result = await runHrmLcb(['sandbox', 'check', '--json'], { timeoutMs: 300_000 });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.mode, 'bwrap');
    assert.equal(report.probe.ok, true);
    assert.ok(report.total >= 14);
    assert.equal(report.contained, report.total);
    for (const attack of report.attacks)
      assert.equal(attack.contained, true, `${attack.name}: ${attack.detail}`);
  });

  it('exits 1 and names what gets out when run without the sandbox', async () => {
    const result = await runHrmLcb(['sandbox', 'check', '--unsafe-no-sandbox'], { timeoutMs: 300_000 });
    assert.equal(result.code, EXIT.checkFailed, result.stderr);
    assert.match(result.stdout, /^sandbox: unsafe-no-sandbox; /);
    assert.match(result.stdout, /\nNOT contained {2}network +the host listener accepted \d+ connection/);
    assert.match(result.stdout, /\ncontained {6}fork-bomb +stopped after \d+ forks/);
    assert.match(result.stdout, /\n\d+\/\d+ contained\n$/);
    assert.match(result.stderr, /WITHOUT isolation/);
  });
});

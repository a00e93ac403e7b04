/**
 * A run behaves like `python3 main.py` with Debian's CPython: same stdout, stderr (CPython's exact error
 * texts), exit status and signal. Each program also runs directly under /usr/bin/python3 here, and the
 * two are compared byte for byte after replacing the program's path.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sharedSandbox } from './shared-sandbox.ts';

const sandbox = await sharedSandbox();
const scratch = mkdtempSync(join(tmpdir(), 'hrm-lcb-python-'));
after(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await sandbox.close();
});

function direct(source: string, stdin: string) {
  const path = join(scratch, 'main.py');
  writeFileSync(path, source);
  const run = spawnSync('/usr/bin/python3', ['-I', '-B', 'main.py'], {
    cwd: scratch,
    input: stdin,
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
    encoding: 'utf8',
  });
  return {
    exitCode: run.status,
    signal: run.signal,
    stdout: run.stdout,
    stderr: run.stderr.replaceAll(path, '/tmp/main.py'),
  };
}

const PROGRAMS: Record<string, { source: string; stdin?: string }> = {
  'traceback through nested calls': {
    source: 'def f(x):\n    return g(x) + 1\ndef g(x):\n    return [1][x]\nprint("before")\nf(3)\n',
  },
  'chained exceptions': {
    source: 'try:\n    {}["k"]\nexcept KeyError as e:\n    raise ValueError("bad") from e\n',
  },
  'exception during handling': { source: 'try:\n    1/0\nexcept ZeroDivisionError:\n    None.x\n' },
  'NameError with a suggestion': { source: 'prnt("x")\n' },
  SyntaxError: { source: 'x = (1,\ny = 2\n' },
  IndentationError: { source: 'if True:\nprint(1)\n' },
  'sys.exit with a message': { source: 'import sys\nprint("a")\nsys.exit("fatal: bad input")\n' },
  'sys.exit with a code': { source: 'import sys\nprint("partial", end="")\nsys.exit(3)\n' },
  'exit() and quit() from site': { source: 'print(type(exit).__name__)\nquit(4)\n' },
  'SystemExit(None) and a huge code': {
    source: 'import sys\ntry:\n    raise SystemExit(None)\nexcept SystemExit:\n    pass\nsys.exit(2**70)\n',
  },
  'input() at EOF': { source: 'a = input()\nb = input()\nprint(a)\n', stdin: 'only line\n' },
  'CRLF stdin kept as is': {
    source: 'import sys\nprint(repr(sys.stdin.read()), repr(input.__name__))\n',
    stdin: 'a\r\nb\r\n',
  },
  RecursionError: { source: 'def f(n):\n    return f(n + 1)\nf(0)\n' },
  'integer string conversion limit': { source: 'print(10 ** 5000)\n' },
  'warnings show the source line': { source: 'import warnings\nwarnings.warn("careful")\nprint("after")\n' },
  'atexit and unflushed output': {
    source: 'import atexit\natexit.register(print, "bye")\nprint("no newline", end="")\n',
  },
  'non-daemon threads finish before exit': {
    source:
      'import threading, time\ndef late():\n    time.sleep(0.2)\n    print("thread done")\nthreading.Thread(target=late).start()\nprint("main done")\n',
  },
  'KeyboardInterrupt ends the process with SIGINT': {
    source: 'print("x", flush=True)\nraise KeyboardInterrupt\n',
  },
  '__name__, __file__ and argv': {
    source:
      'import sys\nif __name__ == "__main__":\n    print(__name__, __file__.endswith("main.py"), sys.argv)\n',
  },
  'unicode output': { source: 'print("héllo wörld ✓ 日本")\n' },
  'os._exit skips buffered output': { source: 'import os\nprint("lost")\nos._exit(7)\n' },
};

describe('a run behaves like python3 main.py', () => {
  for (const [name, { source, stdin = '' }] of Object.entries(PROGRAMS)) {
    it(name, async () => {
      const expected = direct(source, stdin);
      const result = await sandbox.run({ source, stdin });
      assert.deepEqual(
        { exitCode: result.exitCode, signal: result.signal, stdout: result.stdout, stderr: result.stderr },
        expected,
      );
    });
  }
});

describe('what the LCB harness relies on inside a run', () => {
  it('SIGALRM and signal.alarm raise in the program', async () => {
    const result = await sandbox.run({
      source:
        'import signal, time\nclass Timeout(Exception): pass\ndef on_alarm(*_):\n    raise Timeout()\nsignal.signal(signal.SIGALRM, on_alarm)\nsignal.alarm(1)\ntry:\n    time.sleep(10)\nexcept Timeout:\n    print("alarm")\n',
    });
    assert.equal(result.stdout, 'alarm\n');
    assert.ok(result.wallMs < 3000);
  });

  it('deep recursion through lru_cache at recursion limit 50000 (two counts a level), also in a thread', async () => {
    const result = await sandbox.run({
      source: [
        'import sys, threading',
        'from functools import lru_cache',
        'sys.setrecursionlimit(50000)',
        '@lru_cache(maxsize=None)',
        'def depth(n):',
        '    return 0 if n == 0 else depth(n - 1) + 1',
        'print(depth(24000))', // overflows the default 8 MiB C stack
        'depth.cache_clear()',
        'threading.stack_size(256 * 1024 * 1024)',
        't = threading.Thread(target=lambda: print(depth(24000)))',
        't.start(); t.join()',
      ].join('\n'),
      limits: { wallMs: 20_000 },
    });
    assert.equal(result.stdout, '24000\n24000\n', result.stderr);
  });

  it('sys.set_int_max_str_digits, resource and faulthandler work', async () => {
    const result = await sandbox.run({
      source: [
        'import sys, resource, faulthandler',
        'sys.set_int_max_str_digits(50000)',
        'print(len(str(10 ** 20000)))',
        'print(resource.getrlimit(resource.RLIMIT_AS)[0] == 768 * 1024 * 1024, flush=True)',
        'faulthandler.enable()',
        'import ctypes',
        'ctypes.string_at(0)',
      ].join('\n'),
      limits: { memoryBytes: 768 * 1024 * 1024 },
    });
    assert.equal(result.stdout, '20001\nTrue\n');
    assert.equal(result.signal, 'SIGSEGV');
    assert.match(result.stderr, /^Fatal Python error: Segmentation fault/);
  });

  it('a MemoryError beyond the memory limit', async () => {
    const result = await sandbox.run({
      source: 'x = bytearray(700 * 1024 * 1024)\nprint("allocated")',
      limits: { memoryBytes: 512 * 1024 * 1024 },
    });
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /MemoryError\n$/);
  });

  it('each run starts in an empty working directory with fresh random state', async () => {
    const source =
      'import os, random\nopen("left-behind", "w").write("x")\nprint(sorted(os.listdir(".")), random.random())';
    const first = await sandbox.runOnSlot(0, { source });
    const second = await sandbox.runOnSlot(0, { source });
    assert.match(first.stdout, /^\['left-behind', 'main.py'\] /);
    assert.match(second.stdout, /^\['left-behind', 'main.py'\] /);
    assert.notEqual(first.stdout, second.stdout);
  });

  it('subprocesses run inside the sandbox (and are limited like the program)', async () => {
    const result = await sandbox.run({
      source:
        'import subprocess\nprint(subprocess.run(["sh", "-c", "echo from-shell"], capture_output=True, text=True).stdout, end="")',
    });
    assert.equal(result.stdout, 'from-shell\n', result.stderr);
  });
});

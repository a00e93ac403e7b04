/**
 * The code-generation judge through the real sandbox: LCB's quirks in `lcb` mode and their repairs in
 * `fixed` mode (docs/faithfulness.md), one program per quirk.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GraderMode } from '../../src/contracts/grade.ts';
import type { CodegenProblem } from '../../src/grade/codegen.ts';
import { judgeGeneration } from '../../src/judge/codegen.ts';
import { sharedSandbox } from '../sandbox/shared-sandbox.ts';

async function grade(code: string, problem: CodegenProblem, mode: GraderMode, timeoutSeconds = 2) {
  const outcome = await judgeGeneration(await sharedSandbox(), problem, code, { mode, timeoutSeconds });
  assert.equal(outcome.kind, 'verdict');
  return (outcome as { kind: 'verdict'; verdict: { results: unknown[]; metadata: Record<string, unknown> } })
    .verdict;
}

const stdin = (inputs: string[], outputs: string[]): CodegenProblem => ({ fnName: null, inputs, outputs });

describe('stdin quirks: lcb reproduces, fixed repairs', () => {
  const cases: { name: string; code: string; problem: CodegenProblem; lcb: unknown[]; fixed: unknown[] }[] = [
    {
      name: 'for line in sys.stdin',
      code: 'import sys\nfor line in sys.stdin:\n    print(line.strip())',
      problem: stdin(['a\nb\n'], ['a\nb\n']),
      lcb: [-4],
      fixed: [true],
    },
    {
      name: 'sys.stdin.buffer.readline twice',
      code: 'import sys\na = int(sys.stdin.buffer.readline())\nb = int(sys.stdin.buffer.readline())\nprint(a + b)',
      problem: stdin(['3\n4\n'], ['7']),
      lcb: [-2],
      fixed: [true],
    },
    {
      name: 'open(0).read()',
      code: 'print(sum(map(int, open(0).read().split())))',
      problem: stdin(['1 2 3', '4'], ['6', '4']),
      lcb: [-2],
      fixed: [true, true],
    },
    {
      name: 'global of a top-level name',
      code: 'limit = 5\ndef f():\n    global limit\n    return limit\nprint(f())',
      problem: stdin(['0'], ['5']),
      lcb: [-4],
      fixed: [true],
    },
    {
      name: 'quit()',
      code: 'print(1)\nquit()',
      problem: stdin(['0'], ['1']),
      lcb: [-4],
      fixed: [true],
    },
    {
      name: 'a stdin program that defines class Solution',
      code: 'class Solution:\n    def go(self):\n        print(input())\nSolution().go()',
      problem: stdin(['q'], ['q']),
      lcb: [-4],
      fixed: [true],
    },
    {
      name: 'state carries across tests of one run (lcb) / each test is a fresh process (fixed)',
      code: 'import sys\nsys.setrecursionlimit(100)\nprint(input())',
      problem: stdin(['x', 'y'], ['x', 'y']),
      lcb: [true, true],
      fixed: [true, true],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      assert.deepEqual((await grade(c.code, c.problem, 'lcb')).results, c.lcb, 'lcb');
      assert.deepEqual((await grade(c.code, c.problem, 'fixed')).results, c.fixed, 'fixed');
    });
  }

  it('a C-level loop that ignores SIGALRM: [-2]/-5 in lcb, a time limit on the running test in fixed', async () => {
    const code = 'import sys\nx = input()\nif x == "slow":\n    sum(range(10**11))\nprint(x)';
    const problem = stdin(['a', 'slow'], ['a', 'slow']);
    // both modes wait out the whole-run limit, (1 + 1) * 2 + 5 = 9 s: run them side by side
    const [lcb, fixed] = await Promise.all([
      grade(code, problem, 'lcb', 1),
      grade(code, problem, 'fixed', 1),
    ]);
    assert.deepEqual(lcb, {
      results: [-2],
      metadata: {
        error: "IndexError('list index out of range')",
        error_code: -5,
        error_message: 'TestRunnerError',
      },
    });
    assert.deepEqual(fixed.results, [true, -3]);
    assert.equal(fixed.metadata.inputs, 'slow');
  });
});

describe('recursion depth', () => {
  it('programs run at the depth upstream runs them (37 in a stdin body, 34 in a method, 36 at import)', async () => {
    const probe = 'import sys\ntry:\n    sys.setrecursionlimit(1)\nexcept RecursionError as e:\n    print(e)';
    const depth = (text: unknown) => /recursion depth (\d+)/.exec(String(text))?.[1];
    const body = await grade(probe, stdin(['0'], ['x']), 'lcb');
    assert.equal(depth(body.metadata.output), '37');
    const method =
      'import sys\nclass Solution:\n    def f(self, a):\n        try:\n            sys.setrecursionlimit(1)\n        except RecursionError as e:\n            return str(e)';
    assert.equal(
      depth((await grade(method, { fnName: 'f', inputs: ['1'], outputs: ['1'] }, 'lcb')).metadata.output),
      '34',
    );
    const atImport = `${probe.replace('print(e)', 'raise ValueError(str(e))')}\nclass Solution:\n    def f(self, a):\n        return a`;
    assert.equal(
      depth(
        (await grade(atImport, { fnName: 'f', inputs: ['1'], outputs: ['1'] }, 'lcb')).metadata.error_message,
      ),
      '36',
    );
  });
});

describe('functional grading details', () => {
  it('the text "class Solution" in a comment selects Solution() in lcb; fixed looks for the class itself', async () => {
    const code = '# no class Solution here\ndef f(a):\n    return a';
    const problem = { fnName: 'f', inputs: ['1'], outputs: ['1'] };
    assert.deepEqual(await grade(code, problem, 'lcb'), {
      results: [-4],
      metadata: {
        error_code: -4,
        error_message: "Error during testing: module 'tmp_sol' has no attribute 'Solution'",
      },
    });
    assert.deepEqual((await grade(code, problem, 'fixed')).results, [true]);
  });

  it('reliability_guard reaches modules imported later (subprocess.Popen is None), as upstream', async () => {
    const code = 'import subprocess, shutil\nprint(subprocess.Popen, shutil.rmtree, shutil.copy is not None)';
    assert.deepEqual((await grade(code, stdin(['x'], ['None None True']), 'lcb')).results, [true]);
  });

  it('metadata shows the arguments after the call mutated them, as upstream renders them', async () => {
    const code = 'class Solution:\n    def f(self, a):\n        a.sort()\n        return a[0] - 1';
    const verdict = await grade(code, { fnName: 'f', inputs: ['[3, 1, 2]'], outputs: ['1'] }, 'lcb');
    assert.deepEqual(verdict, {
      results: [false],
      metadata: {
        output: '0',
        inputs: '[[1, 2, 3]]',
        expected: '1',
        error_code: -2,
        error_message: 'Wrong Answer',
      },
    });
  });

  it('long argument lists are truncated to 150 + marker + 150 without rendering them whole', async () => {
    const code = 'def f(a):\n    return -1';
    const big = JSON.stringify(Array.from({ length: 5000 }, (_, i) => i));
    const verdict = await grade(code, { fnName: 'f', inputs: [big], outputs: ['0'] }, 'lcb');
    const inputs = String(verdict.metadata.inputs);
    assert.equal(
      inputs,
      `[[${Array.from({ length: 5000 }, (_, i) => i).join(', ')}]]`.replace(
        /^(.{150}).*(.{150})$/s,
        '$1...(truncated) ...$2',
      ),
    );
  });

  it('SystemExit from a method kills the run in lcb ([-2]/-5) and is a runtime error in fixed', async () => {
    const code = 'class Solution:\n    def f(self, a):\n        raise SystemExit(3)';
    const problem = { fnName: 'f', inputs: ['1'], outputs: ['1'] };
    assert.deepEqual((await grade(code, problem, 'lcb')).metadata.error_code, -5);
    const fixed = await grade(code, problem, 'fixed');
    assert.deepEqual(fixed.results, [-4]);
    assert.equal(fixed.metadata.error, 'SystemExit(3)');
  });
});

describe('what the run showed besides the verdict', () => {
  it("returns the program's stderr and each test's measured seconds (none for a test that raised)", async () => {
    const code = [
      'import sys, time',
      'n = int(input())',
      'sys.stderr.write(f"checking {n}\\n")',
      'time.sleep(0.25 if n == 1 else 0)',
      'if n == 3:',
      '    raise ValueError("three")',
      'print(n)',
    ].join('\n');
    const outcome = await judgeGeneration(
      await sharedSandbox(),
      stdin(['1', '2', '3'], ['1', '2', '3']),
      code,
      { mode: 'lcb', timeoutSeconds: 2 },
    );
    assert.equal(outcome.kind, 'verdict');
    if (outcome.kind !== 'verdict') return;
    assert.deepEqual(outcome.verdict.results, [true, true, -4]);
    assert.equal(outcome.detail.stderr, 'checking 1\nchecking 2\nchecking 3\n');
    const [slow, fast, raised] = outcome.detail.testSeconds;
    assert.ok(slow !== undefined && slow >= 0.24 && slow < 2, `slow test: ${slow}`);
    assert.ok(fast !== undefined && fast < slow, `fast test: ${fast}`);
    assert.equal(raised, undefined);
  });

  it('keeps the first 16 KiB of a stderr flood without changing the verdict; .buffer and fileno() work', async () => {
    const code = [
      'import os, sys',
      'sys.stderr.buffer.write(b"bytes first\\n")',
      'os.write(sys.stderr.fileno(), b"fd-level, dropped\\n")',
      'for _ in range(20000):',
      '    print("x" * 99, file=sys.stderr)',
      'print(input())',
    ].join('\n');
    const outcome = await judgeGeneration(await sharedSandbox(), stdin(['7'], ['7']), code, {
      mode: 'lcb',
      timeoutSeconds: 5,
    });
    assert.equal(outcome.kind, 'verdict');
    if (outcome.kind !== 'verdict') return;
    assert.deepEqual(outcome.verdict.results, [true]);
    const { stderr } = outcome.detail;
    assert.ok(stderr.startsWith('bytes first\nxxxx'), stderr.slice(0, 40));
    assert.ok(!stderr.includes('fd-level'));
    assert.match(stderr, /\n\.\.\. \[stderr cut at 16384 bytes\]\n$/);
    assert.ok(stderr.length < 16_500, String(stderr.length));
  });
});

/**
 * Code execution against the upstream check itself: for predictions that bend `assert <output> ==
 * <prediction>` (operators of lower precedence, chains, extra statements, messages, comments, calls), the
 * verdict through the sandbox (true output kept out of it, probes and worlds) must equal what running the
 * spliced upstream program in Python gives.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { judgeCodeExecution } from '../../src/judge/code-execution.ts';
import { runPython } from '../python/python-oracle.ts';
import { sharedSandbox } from '../sandbox/shared-sandbox.ts';

const DRIVER = readFileSync(new URL('../../src/sandbox/python/lcb/execution.py', import.meta.url), 'utf8');
const BASE_IMPORTS = /BASE_IMPORTS = """([\s\S]*?)"""/.exec(DRIVER)![1]!;

const SAMPLE = { code: 'def addTwo(x):\n    return x + 2', input: 'addTwo(x = 3)', output: '5' };
const PREDICTIONS = [
  '5',
  '6',
  '5 or False',
  '6 or True',
  '6 and True',
  '5 and 0',
  '5 if True else 6',
  '6 if False else 5',
  '6 if True else 5',
  '5 == 5',
  '5 == 6',
  '6 != 5',
  '5 != 6',
  '5, "msg"',
  '6, "msg"',
  '5; x = 1',
  '5; 1/0',
  '5\nassert False',
  '5 # c',
  '(5)',
  '[5][0]',
  'int("5")',
  'addTwo(x = 2) + 1',
  'addTwo(3)',
  '5 or 1/0',
  '6 or 1/0',
  '4 + 1',
  '5.0',
  'True and 5',
  '"5"',
  'exit()',
  'print(5) or 5',
  'lambda: 5',
  '5 is not None',
  '6 is not None',
  'not 6',
  '5 in [5]',
  '[5',
  '',
  '5 == 5 == 5',
  '6 == 6 or True and False',
];

describe('code execution: verdicts equal the upstream spliced program', () => {
  it('for operator tricks, chains, extra statements, messages and comments', async () => {
    const upstream = runPython<boolean[]>(
      `
import json, os, signal, sys
data = json.load(sys.stdin)
def run(program):
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        signal.setitimer(signal.ITIMER_REAL, 3)
        try:
            exec(program, {})
            os._exit(0)
        except BaseException:
            os._exit(1)
    return os.waitpid(pid, 0)[1] == 0
print(json.dumps([run(data["base"] + "\\n" + data["code"] + "\\nassert " + data["output"] + " == " + g) for g in data["predictions"]]))
`,
      { base: BASE_IMPORTS, code: SAMPLE.code, output: SAMPLE.output, predictions: PREDICTIONS },
    );
    const outcome = await judgeCodeExecution(await sharedSandbox(), SAMPLE, PREDICTIONS, {
      mode: 'lcb',
      timeoutSeconds: 3,
    });
    assert.equal(outcome.kind, 'verdict');
    const ours = (outcome as { verdict: boolean[] }).verdict;
    const disagreements = PREDICTIONS.filter((_, i) => ours[i] !== upstream[i]).map(
      (p) =>
        `${JSON.stringify(p)}: upstream ${upstream[PREDICTIONS.indexOf(p)]}, ours ${ours[PREDICTIONS.indexOf(p)]}`,
    );
    assert.deepEqual(disagreements, []);
    assert.ok(upstream.some(Boolean) && !upstream.every(Boolean));
  });

  it('a true output that is not a literal is evaluated in a separate trusted run (deque, Counter)', async () => {
    const sandbox = await sharedSandbox();
    const sample = {
      code: 'def f(a):\n    return deque(a)',
      input: 'f(a = [1, 2])',
      output: 'deque([1, 2])',
    };
    const outcome = await judgeCodeExecution(sandbox, sample, ['deque([1, 2])', '[1, 2]', 'deque([2, 1])'], {
      mode: 'lcb',
      timeoutSeconds: 3,
    });
    assert.deepEqual(outcome, { kind: 'verdict', verdict: [true, false, false] });
    const counter = {
      code: 'def f(s):\n    return Counter(s)',
      input: "f(s = 'aab')",
      output: "Counter({'a': 2, 'b': 1})",
    };
    const second = await judgeCodeExecution(sandbox, counter, ["{'b': 1, 'a': 2}", "Counter('aab')"], {
      mode: 'lcb',
      timeoutSeconds: 3,
    });
    assert.deepEqual(second, { kind: 'verdict', verdict: [true, true] });
  });

  it('fixed mode compares the prediction as one expression: injection tricks fail, nan can be predicted', async () => {
    const sandbox = await sharedSandbox();
    const fixed = { mode: 'fixed' as const, timeoutSeconds: 3 };
    const outcome = await judgeCodeExecution(
      sandbox,
      SAMPLE,
      ['5', '6 or True', '5; x = 1', '4 + 1', 'addTwo(x = 3)'],
      fixed,
    );
    assert.deepEqual(outcome, { kind: 'verdict', verdict: [true, false, false, true, false] });
    const nan = { code: "def f(a):\n    return float('nan')", input: 'f(a = 1)', output: 'nan' };
    assert.deepEqual(await judgeCodeExecution(sandbox, nan, ["float('nan')"], fixed), {
      kind: 'verdict',
      verdict: [true],
    });
    assert.deepEqual(await judgeCodeExecution(sandbox, nan, ["float('nan')"], { ...fixed, mode: 'lcb' }), {
      kind: 'verdict',
      verdict: [false],
    });
  });
});

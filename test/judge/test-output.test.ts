/**
 * Test output prediction against the upstream check run in Python: `check_testcase_output` picks the
 * asserted output and `eval`s it in the grader's module namespace (where `json` and `ast` are imported);
 * ours evaluates in the sandbox and compares on the host.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeTestOutputs } from '../../src/judge/test-output.ts';
import { runPython } from '../python/python-oracle.ts';
import { sharedSandbox } from '../sandbox/shared-sandbox.ts';

const CASES: [string, string][] = [
  ['assert f(1) == 1 # c', '1'],
  ['assert (f(1) == 1)', '1'],
  ["assert f(1) == 1, 'msg'", '1'],
  ['assert f(1) is 1', '1'],
  ['result = 5', '5'],
  ["assert f(1) == json.loads('[1]')", '[1]'],
  ["assert f(1) == ast.literal_eval('(1, 2)')", '[1, 2]'],
  ['assert f(1) == {"a": [1.0, None]}', '{"a": [1, null]}'],
  ['# note\nassert f(1) == 2\nassert f(1) == 3', '2'],
  ['assert f(1) ==\\\n 4', '4'],
  ['assert f(1) == 10**20', '100000000000000000000'],
  ["assert f('x') == 'x' * 3", '"xxx"'],
  ['assert f(1) == {1, 2}', '[1, 2]'],
  ['assert f(1) == -0.0', '0'],
  ['assert f(1) == True', '1'],
  ['assert f(1) == float("inf")', 'Infinity'],
  ['7', '7'],
  ['', '""'],
];

describe('test output prediction: verdicts equal the upstream check', () => {
  it('for comments, messages, parentheses, namespaces, big ints, sets and signed zeros', async () => {
    const upstream = runPython<boolean[]>(
      `
import ast, json, sys
def parse_assert_statement(statement):
    try:
        parsed = ast.parse(statement, mode="exec")
    except SyntaxError:
        return "Invalid syntax"
    if len(parsed.body) == 0:
        return "Empty statement"
    if not isinstance(parsed.body[0], ast.Assert):
        return "Not an assert statement"
    comparison = parsed.body[0].test
    if not isinstance(comparison, ast.Compare) or not isinstance(comparison.ops[0], ast.Eq):
        return "Not an equality assertion"
    return ast.get_source_segment(statement, comparison.comparators[0])
def check(testcase_str, expected_output):
    if len(testcase_str.splitlines()) > 1:
        for line in testcase_str.splitlines():
            if line.startswith("#"):
                continue
            if "assert" in line:
                testcase_str = line
                break
    testcase_str = testcase_str.strip()
    text = str(parse_assert_statement(testcase_str)) if "assert" in testcase_str else testcase_str
    try:
        value = eval(text)
        return value == json.loads(expected_output)
    except Exception:
        return False
print(json.dumps([bool(check(p, e)) for p, e in json.load(sys.stdin)]))
`,
      CASES,
    );
    const items = CASES.map(([prediction, expectedOutput]) => ({ prediction, expectedOutput }));
    const outcome = await judgeTestOutputs(await sharedSandbox(), items, { mode: 'lcb', timeoutSeconds: 6 });
    assert.deepEqual(outcome, { kind: 'verdict', verdict: upstream });
    assert.ok(upstream.some(Boolean) && !upstream.every(Boolean));
  });

  it('fixed mode evaluates with builtins only and stops a slow prediction at the time limit', async () => {
    const items = [
      { prediction: "assert f(1) == json.loads('[1]')", expectedOutput: '[1]' },
      { prediction: 'assert f(1) == sum(range(10**12))', expectedOutput: '0' },
      { prediction: 'assert f(1) == sorted([2, 1])', expectedOutput: '[1, 2]' },
    ];
    const outcome = await judgeTestOutputs(await sharedSandbox(), items, {
      mode: 'fixed',
      timeoutSeconds: 1,
    });
    assert.deepEqual(outcome, { kind: 'verdict', verdict: [false, false, true] });
  });
});

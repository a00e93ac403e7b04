import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { it } from 'node:test';
import { starterFunctionName } from '../../src/prompts/starter-function.ts';
import { UpstreamPromptError } from '../../src/prompts/types.ts';

// Starter codes of the shapes LCB's test_generation rows have, plus the broken ones upstream trips on.
const STARTERS = [
  'class Solution:\n    def countAbove(self, nums: List[int], t: int) -> int:\n        pass',
  'class Solution:\n    def inc(self, n: int) -> int:\n        ',
  'class Solution:\n    def inc(self, n: int) -> int:',
  'class Solution:\n    def inc(self, n: int) -> int:\n',
  'def f(x):\n\n\n',
  'def f(a,\n      b: Dict[str, int] = {}):\n  ',
  'class S:\n  def f(\n    self, a: List[int]\n  ) -> int:\n    pass',
  'class S:\n    def f(self):\n    # no body yet\n    def g(self):\n        pass',
  'def one(x): return x',
  'async def co(x):\n    return x',
  'x = 1',
  'def a(): pass\ndef b(): pass',
  'class A:\n    def outer(self):\n        def inner():\n            pass\n        return inner',
];

/** What upstream's `parse_function_name_from_starter_code` gives in CPython: the name or the exception. */
function cpythonNames(starters: readonly string[]): string[] {
  const script = [
    'import ast, json, sys',
    'def name(code):',
    '    try:',
    '        tree = ast.parse(code)',
    '        fn = None',
    '        for node in ast.walk(tree):',
    '            if isinstance(node, ast.FunctionDef):',
    '                assert fn is None',
    '                fn = node.name',
    '        return str(fn)',
    '    except Exception as e:',
    '        return f"{type(e).__name__}: {e}"',
    'for code in json.load(sys.stdin): print(json.dumps(name(code)))',
  ].join('\n');
  const out = execFileSync('/usr/bin/python3', ['-c', script], {
    input: JSON.stringify(starters),
    encoding: 'utf8',
  });
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as string);
}

function ours(code: string): string {
  try {
    return starterFunctionName(code, { onUpstreamCrash: 'throw' });
  } catch (error) {
    if (error instanceof UpstreamPromptError) return error.pythonError;
    throw error;
  }
}

it('finds the function name, or raises the exception, exactly as upstream does under CPython', () => {
  assert.deepEqual(STARTERS.map(ours), cpythonNames(STARTERS));
});

it('recovers with the outermost function when upstream would raise', () => {
  assert.equal(starterFunctionName('class S:\n    def inc(self, n):\n        '), 'inc');
  assert.equal(starterFunctionName('def a(): pass\ndef b(): pass'), 'a');
  assert.equal(starterFunctionName('class A:\n    def outer(self):\n        def inner(): pass'), 'outer');
});

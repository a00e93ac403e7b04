import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeWire } from '../../src/grade/py-wire.ts';
import { hashKey } from '../../src/python/equals.ts';
import { evaluateLiteral } from '../../src/python/literal.ts';
import { PyBytes, PyComplex, PyDict, PySet, PyTuple, type PyValue } from '../../src/python/value.ts';
import { SHARED } from '../helpers/cli.ts';
import { runPython } from './python-oracle.ts';

const WIRE = fileURLToPath(new URL('../../src/sandbox/python/lcb/wire.py', import.meta.url));

/** Identical Python values: same types all the way down (1 is not 1.0), sets compared as sets. */
export function sameValue(a: PyValue, b: PyValue): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]!))
    );
  }
  if (a instanceof PyTuple && b instanceof PyTuple) return sameValue(a.items, b.items);
  if (a instanceof PyDict && b instanceof PyDict) {
    return (
      a.entries.length === b.entries.length &&
      a.entries.every(([k, v], i) => sameValue(k, b.entries[i]![0]) && sameValue(v, b.entries[i]![1]))
    );
  }
  if (a instanceof PySet && b instanceof PySet) {
    const keys = (s: PySet) => s.items.map((x) => hashKey(x)).sort();
    return a.frozen === b.frozen && JSON.stringify(keys(a)) === JSON.stringify(keys(b));
  }
  if (a instanceof PyComplex && b instanceof PyComplex)
    return sameValue(a.real, b.real) && sameValue(a.imag, b.imag);
  if (a instanceof PyBytes && b instanceof PyBytes) return Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  return false;
}

const PYTHON_EVAL = `
import json, math, sys, types
sys.modules["hrm_sandbox"] = types.ModuleType("hrm_sandbox")
exec(open(sys.argv[1] if len(sys.argv) > 1 else ${JSON.stringify(WIRE)}).read())
out = []
for text in json.load(sys.stdin):
    try:
        out.append({"value": encode(eval(text, {"inf": math.inf}))})
    except Exception as e:
        out.append({"error": type(e).__name__})
print(json.dumps(out))
`;

const cruxOutputs = readFileSync(`${SHARED}data/cruxeval/cruxeval.jsonl`, 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { output: string }).output);

const HANDWRITTEN = [
  "'a' 'b'",
  "b'\\x00\\xff'",
  "r'\\d+'",
  "'\\x41\\u00e9\\U0001F600\\101'",
  '"""tri\nple"""',
  '0x1F',
  '0o17',
  '0b101',
  '1_000',
  '1e-3',
  '.5',
  '5.',
  '3j',
  '(1+2j)',
  '-(3)',
  '+True',
  '(1,)',
  '()',
  '[1, [2, (3,)], {4: 5}]',
  '{1, 1.0, True}',
  '{1: "a", 1.0: "b"}',
  'set()',
  'frozenset({3, 1})',
  "float('nan')",
  "float('-inf')",
  '-inf',
  'None',
  '[\n 1,\n 2\n]',
];

describe('expected-output literals (code execution)', () => {
  const texts = [...cruxOutputs, ...HANDWRITTEN];
  const reference = runPython<({ value: unknown } | { error: string })[]>(PYTHON_EVAL, texts);

  it('evaluates every literal it supports to exactly the value Python evaluates', () => {
    let supported = 0;
    texts.forEach((text, i) => {
      const ours = evaluateLiteral(text);
      if (ours.kind === 'unsupported') return;
      supported += 1;
      const want = reference[i]!;
      assert.ok('value' in want, `${text}: Python raised ${JSON.stringify(want)}`);
      assert.equal(ours.kind, 'value', text);
      if (ours.kind === 'value') assert.ok(sameValue(ours.value, decodeWire(want.value)), text);
    });
    assert.equal(supported, texts.length, 'every CRUXEval output and every handwritten form is supported');
  });

  it('reports `nan` as the NameError LCB gets (BASE_IMPORTS does not define it), unless fixed mode', () => {
    assert.deepEqual(evaluateLiteral('[nan]'), {
      kind: 'raises',
      repr: `NameError("name 'nan' is not defined")`,
    });
    const fixed = evaluateLiteral('nan', { nanDefined: true });
    assert.ok(fixed.kind === 'value' && Number.isNaN(fixed.value as number));
  });

  it('leaves anything but literals to a Python evaluation', () => {
    for (const text of ['deque([1])', 'x', '1 if 2 else 3', 'f"{1}"', '[1] * 3', "'\\N{BULLET}'"]) {
      assert.equal(evaluateLiteral(text).kind, 'unsupported', text);
    }
  });
});

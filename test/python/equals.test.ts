import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pyEquals } from '../../src/python/equals.ts';
import { evaluateLiteral } from '../../src/python/literal.ts';
import { PyOpaque, type PyValue } from '../../src/python/value.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';
import { runPython } from './python-oracle.ts';

const ATOMS = [
  '0',
  '1',
  '-1',
  'True',
  'False',
  '1.0',
  '0.0',
  '-0.0',
  '0.5',
  "float('nan')",
  'inf',
  '-inf',
  '2**53',
  '9007199254740993',
  '9007199254740992.0',
  "'1'",
  "''",
  "'a'",
  'None',
  '1j',
  '(1+0j)',
  "b'a'",
];
const SHAPES = ['[{}]', '({},)', '({}, {})', '[{}, {}]', '{{{}: {}}}', '{{{}}}', 'frozenset({{{}}})', '{}'];

function literal(random: () => number, depth: number): string {
  if (depth === 0 || random() < 0.4) return pick(random, ATOMS);
  const shape = pick(random, SHAPES);
  return shape.replace(/\{\}/g, () => literal(random, depth - 1));
}

function value(text: string): PyValue | undefined {
  const out = evaluateLiteral(text.replace('2**53', '9007199254740992'));
  return out.kind === 'value' ? out.value : undefined;
}

describe('Python == on host values', () => {
  const random = seededRandom(13);
  const pairs: [string, string][] = [];
  while (pairs.length < 3000) {
    const a = literal(random, 3);
    // half the pairs are near misses of each other, so equal results are common too
    const b =
      random() < 0.5
        ? a.replace(/1\.0|True|\(1\+0j\)/, (m) => pick(random, ['1', m, '1.0']))
        : literal(random, 3);
    if (value(a) !== undefined && value(b) !== undefined) pairs.push([a, b]);
  }
  const reference = runPython<(boolean | null)[]>(
    `
import json, sys
out = []
for a, b in json.load(sys.stdin):
    try:
        out.append(bool(eval(a, {"inf": float("inf")}) == eval(b, {"inf": float("inf")})))
    except TypeError:
        out.append(None)  # unhashable set/dict member: not a value
print(json.dumps(out))
`,
    pairs,
  );

  it('agrees with CPython on the numeric tower, containers, sets, dict keys and NaN', () => {
    let checked = 0;
    pairs.forEach(([a, b], i) => {
      const want = reference[i];
      if (want === null) return;
      checked += 1;
      assert.equal(pyEquals(value(a)!, value(b)!), want, `${a} == ${b}`);
    });
    assert.ok(checked > 2000, `${checked} comparisons`);
  });

  it('treats objects known only by repr as equal only when their class defines __eq__ and reprs match', () => {
    const deque = (r: string) => new PyOpaque('deque', r, r, true);
    const plain = (r: string) => new PyOpaque('Thing', r, r, false);
    assert.equal(pyEquals(deque('deque([1])'), deque('deque([1])')), true);
    assert.equal(pyEquals(deque('deque([1])'), deque('deque([2])')), false);
    assert.equal(pyEquals(plain('<Thing>'), plain('<Thing>')), false);
    assert.equal(pyEquals(deque('deque([1])'), [1n]), false);
  });

  it('can count NaN as equal to NaN for --grader fixed', () => {
    assert.equal(pyEquals([Number.NaN], [Number.NaN]), false);
    assert.equal(pyEquals([Number.NaN], [Number.NaN], { nanEqualsNan: true }), true);
  });
});

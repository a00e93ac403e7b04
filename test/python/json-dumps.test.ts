import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type PyJson, pyJsonDumps } from '../../src/python/json-dumps.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';
import { runPython } from './python-oracle.ts';

function tree(random: () => number, depth: number): PyJson {
  const leaves: PyJson[] = [
    null,
    true,
    false,
    0n,
    -2n,
    12345678901234567890n,
    0.5,
    1,
    1e-5,
    1e16,
    -0,
    Number.NaN,
    Infinity,
    'a"b\\c\n\t\x01é\u{1f600}\x7f',
    '',
  ];
  if (depth === 0 || random() < 0.3) return pick(random, leaves);
  if (random() < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => tree(random, depth - 1));
  return Object.fromEntries(
    Array.from({ length: Math.floor(random() * 4) }, (_, i) => [`k${i}é"`, tree(random, depth - 1)]),
  );
}

/** The tree as JSON Python can rebuild exactly: ints and floats tagged, so Python re-dumps the same value. */
function tagged(value: PyJson): unknown {
  if (typeof value === 'bigint') return { i: value.toString() };
  if (typeof value === 'number') return { f: Object.is(value, -0) ? '-0.0' : String(value) };
  if (Array.isArray(value)) return value.map(tagged);
  if (value !== null && typeof value === 'object')
    return { d: Object.entries(value).map(([k, v]) => [k, tagged(v)]) };
  return value;
}

describe('json.dumps text', () => {
  it('is byte-identical to Python with and without indent=4', () => {
    const random = seededRandom(19);
    const trees = Array.from({ length: 150 }, () => tree(random, 4));
    const want = runPython<[string, string][]>(
      `
import json, sys
def build(v):
    if isinstance(v, dict):
        if "i" in v: return int(v["i"])
        if "f" in v: return float(v["f"])
        return {k: build(x) for k, x in v["d"]}
    if isinstance(v, list): return [build(x) for x in v]
    return v
print(json.dumps([[json.dumps(build(t)), json.dumps(build(t), indent=4)] for t in json.load(sys.stdin)]))
`,
      trees.map(tagged),
    );
    trees.forEach((t, i) => {
      assert.equal(pyJsonDumps(t), want[i]![0]);
      assert.equal(pyJsonDumps(t, 4), want[i]![1]);
    });
  });

  it('escapes strings exactly as ensure_ascii does: controls, DEL, non-ASCII, pairs and lone surrogates', () => {
    const strings = [
      Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code)).join(''),
      Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(0x80 + code)).join(''),
      '\ud800',
      'x\udfff',
      '\ud83d',
      '\u2028\u2029\ufeff\uffff',
      '\u{1f600}\u{10ffff}',
      'plain printable ASCII ~!@#$%^&*()_+{}|:<>?',
    ];
    const want = runPython<string[]>(
      'import json,sys\nprint(json.dumps([json.dumps(s) for s in json.load(sys.stdin)]))',
      strings,
    );
    assert.deepEqual(
      strings.map((text) => pyJsonDumps(text)),
      want,
    );
  });
});

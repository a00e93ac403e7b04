import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecimalInvalidOperation, decimalEquals, parseDecimal } from '../../src/python/decimal.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';
import { runPython } from './python-oracle.ts';

const EDGE_TOKENS = [
  '0',
  '-0',
  '+0',
  '00',
  '1',
  '1.',
  '.5',
  '.',
  '1.0',
  '1e2',
  '1E+2',
  '1e-2',
  '1e',
  '1e+',
  'e5',
  '+-1',
  '1.2.3',
  '1_0',
  '1__0',
  '10_',
  '_7_',
  '_',
  '__',
  'inf',
  'Inf',
  '-Infinity',
  'infinity',
  'infinit',
  'inf5',
  'nan',
  'NaN',
  '-nan',
  'nan123',
  'nan0001',
  'nan1e5',
  'snan',
  'sNaN',
  '+snan',
  '-sNaN5',
  'snan000',
  '0x10',
  '\u0661\u0662',
  '1\u0660',
  '\u00b2',
  '\u{1d7d9}',
  '\u0beb',
  '1e999999999999999999',
  '1e1000000000000000000',
  '0.1e1000000000000000000',
  '10e999999999999999999',
  '1e-1999999999999999997',
  '1e-1999999999999999998',
  '10e-1999999999999999998',
  '0e999999999999999999',
  '0e1000000000000000000',
  '0e-1999999999999999997',
  '0e-1999999999999999998',
  '1e000000000000000000000000005',
  '00000000000000000000000000001',
  '123456789012345678901234567890',
  '1.500',
  '-1.5e-7',
  '0.30000000000000004',
  '0.3',
];

function randomToken(random: () => number): string {
  const parts = ['1', '0', '9', '.', 'e', 'E', '-', '+', '_', 'n', 'a', 's', 'i', 'f', '5', '\u0665'];
  return Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(random, parts)).join('');
}

describe('Decimal(token) and ==', () => {
  const random = seededRandom(11);
  const tokens = [...EDGE_TOKENS, ...Array.from({ length: 600 }, () => randomToken(random))];
  const pairs = Array.from({ length: 1500 }, () => [pick(random, tokens), pick(random, tokens)] as const);
  const reference = runPython<{ parsed: boolean[]; equal: (boolean | 'signal' | null)[] }>(
    `
import json, sys
from decimal import Decimal, InvalidOperation
data = json.load(sys.stdin)
def parse(t):
    try:
        return Decimal(t)
    except InvalidOperation:
        return None
parsed = [parse(t) is not None for t in data["tokens"]]
equal = []
for a, b in data["pairs"]:
    x, y = parse(a), parse(b)
    if x is None or y is None:
        equal.append(None)
        continue
    try:
        equal.append(x == y)
    except InvalidOperation:
        equal.append("signal")
print(json.dumps({"parsed": parsed, "equal": equal}))
`,
    { tokens, pairs },
  );

  it('accepts exactly the tokens CPython accepts (underscores anywhere, Unicode digits, exponent range)', () => {
    tokens.forEach((token, i) => {
      assert.equal(parseDecimal(token) !== null, reference.parsed[i], `Decimal(${JSON.stringify(token)})`);
    });
  });

  it('compares like CPython: numeric equality, qNaN unequal, sNaN raises InvalidOperation', () => {
    pairs.forEach(([a, b], i) => {
      const x = parseDecimal(a);
      const y = parseDecimal(b);
      const want = reference.equal[i];
      if (x === null || y === null) assert.equal(want, null);
      else if (want === 'signal')
        assert.throws(() => decimalEquals(x, y), DecimalInvalidOperation, `${a} == ${b}`);
      else assert.equal(decimalEquals(x, y), want, `${a} == ${b}`);
    });
  });
});

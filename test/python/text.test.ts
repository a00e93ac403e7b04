import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pyLen, pySplitWhitespace, pyStrip } from '../../src/python/text.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';
import { runPython } from './python-oracle.ts';

// every str.isspace() character of Python 3.11, and look-alikes that are not whitespace there
const ALPHABET = [
  ...'\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000',
  '\ufeff',
  '\u200b',
  '\u180e',
  'a',
  'b',
  '1',
  '\u{1f600}',
];

describe('Python str whitespace', () => {
  const random = seededRandom(7);
  const samples = Array.from({ length: 400 }, () =>
    Array.from({ length: Math.floor(random() * 12) }, () => pick(random, ALPHABET)).join(''),
  );
  const expected = runPython<{ strip: string; split: string[]; len: number }[]>(
    'import json,sys\nprint(json.dumps([{"strip": s.strip(), "split": s.split(), "len": len(s)} for s in json.load(sys.stdin)]))',
    samples,
  );

  it('strip() removes exactly what CPython removes (\\x1f, \\x85, \\u2028 yes; \\ufeff, \\u200b no)', () => {
    for (const [i, text] of samples.entries())
      assert.equal(pyStrip(text), expected[i]!.strip, JSON.stringify(text));
  });

  it('split() with no argument splits on the same characters and drops empty parts', () => {
    for (const [i, text] of samples.entries()) {
      assert.deepEqual(pySplitWhitespace(text), expected[i]!.split, JSON.stringify(text));
    }
  });

  it('len() counts code points (an astral character is one)', () => {
    for (const [i, text] of samples.entries())
      assert.equal(pyLen(text), expected[i]!.len, JSON.stringify(text));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pyLen, pySplitWhitespace, pyStrip, truncatefn } from '../../src/grade/python-text.ts';
import { pick, runPython, seededRandom } from './python-oracle.ts';

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
  const expected = runPython<{ strip: string; split: string[] }[]>(
    'import json,sys\nprint(json.dumps([{"strip": s.strip(), "split": s.split()} for s in json.load(sys.stdin)]))',
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
});

describe('truncatefn', () => {
  it('keeps 300 code points, cuts 301 to 150 + marker + 150', () => {
    assert.equal(truncatefn('x'.repeat(300)), 'x'.repeat(300));
    const cut = truncatefn(`${'a'.repeat(151)}${'b'.repeat(150)}`);
    assert.equal(cut, `${'a'.repeat(150)}...(truncated) ...${'b'.repeat(150)}`);
  });

  it('counts astral characters as one, as Python does', () => {
    const text = '\u{1f600}'.repeat(300);
    assert.equal(pyLen(text), 300);
    assert.equal(truncatefn(text), text);
    const longer = `${text}z`;
    assert.equal(
      truncatefn(longer),
      `${'\u{1f600}'.repeat(150)}...(truncated) ...${'\u{1f600}'.repeat(149)}z`,
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floatRepr, pyRepr, pyStr, strRepr } from '../../src/python/repr.ts';
import { PyBytes, PyComplex, PyDict, PySet, PyTuple } from '../../src/python/value.ts';
import { seededRandom } from '../helpers/seeded-random.ts';
import { runPython } from './python-oracle.ts';

describe('repr()', () => {
  it('formats floats like float.__repr__ (shortest digits, exponent below 1e-4 and from 1e16)', () => {
    const random = seededRandom(5);
    const floats = [
      0,
      -0,
      1,
      0.1,
      1e16,
      1e15,
      123456789012345.6,
      1e-4,
      1e-5,
      1.5e-7,
      2 ** 53,
      5e-324,
      1.7976931348623157e308,
    ];
    for (let i = 0; i < 2000; i += 1) {
      const magnitude = 10 ** Math.floor(random() * 60 - 30);
      floats.push((random() - 0.5) * magnitude);
    }
    // exact text for Python's float(): 17 significant digits round-trip, -0 spelled out
    const texts = floats.map((x) => (Object.is(x, -0) ? '-0.0' : x.toExponential(16)));
    const want = runPython<string[]>(
      'import json,sys\nprint(json.dumps([repr(float(x)) for x in json.load(sys.stdin)]))',
      texts,
    );
    for (const [i, x] of floats.entries()) assert.equal(floatRepr(x), want[i], String(x));
    assert.equal(floatRepr(1e16), '1e+16');
    assert.equal(floatRepr(1e15), '1000000000000000.0');
    assert.equal(floatRepr(0.00001), '1e-05');
    assert.equal(floatRepr(-0), '-0.0');
    assert.equal(floatRepr(Number.NaN), 'nan');
    assert.equal(floatRepr(Number.NEGATIVE_INFINITY), '-inf');
  });

  it('quotes and escapes strings like str.__repr__', () => {
    const texts = [
      "it's",
      'say "hi"',
      `both ' and "`,
      'tab\tnl\ncr\r\\',
      '\x00\x1f\x7f\x80\xa0\xad',
      '\u2028\u200b\ufeff é 中 \u{1f600}',
      '\u0378',
    ];
    const want = runPython<string[]>(
      'import json,sys\nprint(json.dumps([repr(s) for s in json.load(sys.stdin)]))',
      texts,
    );
    for (const [i, text] of texts.entries()) assert.equal(strRepr(text), want[i]);
  });

  it('lays out containers, sets, bytes and complex numbers as Python does', () => {
    assert.equal(pyRepr([1n, 'x', null, true, [2.5]]), "[1, 'x', None, True, [2.5]]");
    assert.equal(pyRepr(new PyTuple([3n])), '(3,)');
    assert.equal(pyRepr(new PyTuple([])), '()');
    assert.equal(pyRepr(new PyDict([['k', new PyTuple([3n])]])), "{'k': (3,)}");
    assert.equal(pyRepr(new PySet([], false)), 'set()');
    assert.equal(pyRepr(new PySet([1n, 3n], false)), '{1, 3}');
    assert.equal(pyRepr(new PySet([1n], true)), 'frozenset({1})');
    assert.equal(pyRepr(new PyBytes(Uint8Array.from([0x27, 0x61, 0x00, 0xff]))), `b"'a\\x00\\xff"`);
    assert.equal(pyRepr(new PyComplex(1, 2)), '(1+2j)');
    assert.equal(pyRepr(new PyComplex(0, -1.5)), '-1.5j');
    assert.equal(pyRepr(new PyComplex(-0, -1)), '(-0-1j)');
    assert.equal(pyStr('plain'), 'plain');
    assert.equal(pyStr(['plain']), "['plain']");
  });
});

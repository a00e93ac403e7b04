import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { truncatefn } from '../../src/grade/truncatefn.ts';
import { pyLen } from '../../src/python/text.ts';

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

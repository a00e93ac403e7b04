import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareStdout, strippedLines } from '../../src/grade/stdout.ts';

describe('compareStdout (grade_stdio)', () => {
  it('strips the whole output, then each line; inner blank lines count', () => {
    assert.deepEqual(strippedLines('\n\n a \n\n b\r\n  \n'), ['a', '', 'b']);
    assert.deepEqual(compareStdout('p\n\nq\n', 'p\nq'), {
      ok: false,
      errorMessage: 'Wrong answer: mismatched output length',
    });
    assert.deepEqual(compareStdout('r\n   \ns', 'r\n\ns\n'), { ok: true });
  });

  it('falls back to exact Decimal token lists, with no tolerance', () => {
    assert.deepEqual(compareStdout('1 2 ', '1.0 2.00'), { ok: true });
    assert.deepEqual(compareStdout('1e2  -0', '100 0'), { ok: true });
    assert.equal(compareStdout('0.5000001', '0.5').ok, false);
    assert.equal(compareStdout('Case #1: 5', 'Case #1: 5.0').ok, false);
  });

  it('names the first differing line, each side truncated to 300 characters', () => {
    const long = 'z'.repeat(400);
    const verdict = compareStdout(`a\n${long}\n`, `a\nb`);
    assert.equal(
      verdict.ok === false && verdict.errorMessage,
      `Wrong answer at output_line_idx=1: ${'z'.repeat(150)}...(truncated) ...${'z'.repeat(150)} != b`,
    );
  });

  it('a signalling NaN raises out of the comparison (whole result [-4]) unless fixed mode treats it as unequal', () => {
    assert.deepEqual(compareStdout('1 sNaN', '1 5'), {
      ok: 'signal',
      errorMessage: "[<class 'decimal.InvalidOperation'>]",
    });
    assert.equal(compareStdout('1 sNaN', '2 sNaN').ok, false, 'list == stops at the first unequal element');
    assert.equal(compareStdout('1 sNaN', '1 5', { signalingNaN: 'unequal' }).ok, false);
  });
});

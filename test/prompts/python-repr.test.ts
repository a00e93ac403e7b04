import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { it } from 'node:test';
import { pythonFloatRepr, pythonReprOfJson } from '../../src/prompts/python-repr.ts';

// CPython is the reference: each JSON text below goes through repr(json.loads(text)) in /usr/bin/python3.
const JSON_TEXTS = [
  '{"error": "IndexError(\'list index out of range\')", "error_code": -5, "error_message": "TestRunnerError"}',
  '[1, 1.0, -0, -0.0, 1e5, 1E-7, 0.1, 123456789012345678901234567890, 1.5e300, 2.5e-320]',
  '[1e16, 1e15, 123456789.125, 0.0001, 0.00001, 100.0, 1.7976931348623157e308]',
  '{"a": "it\'s", "b": "say \\"hi\\"", "c": "both \' and \\"", "d": "tab\\tnl\\nback\\\\slash\\r"}',
  '{"ctl": "\\u0000\\u001f\\u007f\\u0085\\u00a0\\u200b\\u2028\\ufeff", "wide": "\\ud83d\\ude00 é ✓"}',
  '{"nested": {"x": [true, false, null, [], {}]}, "k": {"k": 1, "k": 2}}',
  '[NaN, Infinity, -Infinity]',
  ' { } ',
];

function cpythonReprs(texts: readonly string[]): string[] {
  const script = 'import json,sys\nfor t in json.load(sys.stdin): print(json.dumps(repr(json.loads(t))))';
  const out = execFileSync('/usr/bin/python3', ['-c', script], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
  });
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as string);
}

it('reprs JSON values exactly as CPython does (ints, floats, strings, containers)', () => {
  const expected = cpythonReprs(JSON_TEXTS);
  assert.deepEqual(
    JSON_TEXTS.map((text) => pythonReprOfJson(text)),
    expected,
  );
});

it('formats floats with repr rules: fixed for exponents -4..15, else scientific with two exponent digits', () => {
  assert.equal(pythonFloatRepr(1e16), '1e+16');
  assert.equal(pythonFloatRepr(1e15), '1000000000000000.0');
  assert.equal(pythonFloatRepr(0.0001), '0.0001');
  assert.equal(pythonFloatRepr(0.00001), '1e-05');
  assert.equal(pythonFloatRepr(-2.5), '-2.5');
  assert.equal(pythonFloatRepr(-0), '-0.0');
});

it('rejects text that is not JSON', () => {
  assert.throws(() => pythonReprOfJson('{"a": 1'), SyntaxError);
  assert.throws(() => pythonReprOfJson('[1] 2'), SyntaxError);
});

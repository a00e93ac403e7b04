import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PyJsonError, pyJsonLoads } from '../../src/python/json-loads.ts';
import { pyRepr } from '../../src/python/repr.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';
import { runPython } from './python-oracle.ts';

const SEEDS = [
  '[1, 2, [3, {"a": null}]]',
  '{"k": [true, false], "n": -0.0, "e": 1e400}',
  '"a\\u00e9\\ud83d\\ude00\\n"',
  'NaN',
  '-Infinity',
  '[Infinity]',
  '12345678901234567890123',
  '{"a": 1, "a": 2, "b": 3}',
  '[]',
  '{}',
  '"\\ud800\\u0041"',
  '[1.5e-7, 0.1, 100.0]',
  ' \n 7 \r\n',
];
// metadata and outputs as self-repair prompts and the oracle show them (repr of the loaded value)
const METADATA_TEXTS = [
  '{"error": "IndexError(\'list index out of range\')", "error_code": -5, "error_message": "TestRunnerError"}',
  '[1, 1.0, -0, -0.0, 1e5, 1E-7, 0.1, 123456789012345678901234567890, 1.5e300, 2.5e-320]',
  '[1e16, 1e15, 123456789.125, 0.0001, 0.00001, 100.0, 1.7976931348623157e308]',
  '{"a": "it\'s", "b": "say \\"hi\\"", "c": "both \' and \\"", "d": "tab\\tnl\\nback\\\\slash\\r"}',
  '{"ctl": "\\u0000\\u001f\\u007f\\u0085\\u00a0\\u200b\\u2028\\ufeff", "wide": "\\ud83d\\ude00 é ✓"}',
  '{"nested": {"x": [true, false, null, [], {}]}, "k": {"k": 1, "k": 2}}',
  '[NaN, Infinity, -Infinity]',
  ' { } ',
];
const NOISE = [
  '',
  ' ',
  ',',
  ']',
  '[',
  '}',
  '{',
  '"',
  '\\',
  ':',
  '0',
  '-',
  '.',
  'e',
  'x',
  '\n',
  '\ufeff',
  '\u0001',
  'nul',
  'u',
];

describe('json.loads (CPython C scanner)', () => {
  const random = seededRandom(3);
  const texts = [...SEEDS, ...METADATA_TEXTS];
  for (let i = 0; i < 800; i += 1) {
    const base = pick(random, SEEDS);
    const at = Math.floor(random() * (base.length + 1));
    const cut = random() < 0.3 ? 1 : 0;
    texts.push(base.slice(0, at) + pick(random, NOISE) + base.slice(at + cut));
  }
  const reference = runPython<({ repr: string } | { error: string })[]>(
    `
import json, sys
sys.set_int_max_str_digits(50000)
out = []
for text in json.load(sys.stdin):
    try:
        out.append({"repr": repr(json.loads(text))})
    except ValueError as e:
        out.append({"error": str(e)})
print(json.dumps(out))
`,
    texts,
  );

  it('parses what Python parses to the same value, and fails with the same message and position', () => {
    texts.forEach((text, i) => {
      const want = reference[i]!;
      let got: { repr: string } | { error: string };
      try {
        got = { repr: pyRepr(pyJsonLoads(text)) };
      } catch (error) {
        assert.ok(error instanceof PyJsonError, String(error));
        got = { error: error.message };
      }
      assert.deepEqual(got, want, JSON.stringify(text));
    });
  });

  it('enforces LCB int-digit limit (50000) with Python message', () => {
    assert.throws(
      () => pyJsonLoads('9'.repeat(50_001)),
      /Exceeds the limit \(50000 digits\) for integer string conversion: value has 50001 digits/,
    );
    assert.equal(pyJsonLoads('9'.repeat(50_000)), 10n ** 50_000n - 1n);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { z } from 'zod';
import {
  decodePrivateTestCases,
  decodePublicTestCases,
  TestCaseDecodeError,
} from '../../src/lcb/test-cases.ts';
import { SHARED } from '../helpers/cli.ts';

const DecodeCase = z.object({
  id: z.string(),
  kind: z.literal('decode_private_tests'),
  encoded: z.string(),
  expected_tests: z.array(z.object({ input: z.string(), output: z.string(), testtype: z.string() })),
  note: z.string(),
});

function conformanceCases(): Array<z.infer<typeof DecodeCase>> {
  const file = join(SHARED, 'conformance', 'lcb-conformance.jsonl');
  const cases: Array<z.infer<typeof DecodeCase>> = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() === '') return;
      const value = JSON.parse(text) as { kind?: unknown };
      if (value.kind !== 'decode_private_tests') return;
      const parsed = DecodeCase.safeParse(value);
      assert.ok(parsed.success, `${file}:${index + 1}: malformed decode_private_tests case`);
      cases.push(parsed.data);
    });
  return cases;
}

/** base64(zlib(pickle)) built by hand, to feed the decoder pickles Python would not write. */
function encodePickle(bytes: number[]): string {
  return deflateSync(Buffer.from(bytes)).toString('base64');
}

describe('decodePrivateTestCases on the conformance corpus', () => {
  const cases = conformanceCases();
  it('finds the decode cases', () => assert.ok(cases.length >= 2));
  for (const testCase of cases) {
    it(`${testCase.id} decodes exactly`, () => {
      assert.deepEqual(decodePrivateTestCases(testCase.encoded), testCase.expected_tests);
    });
  }
});

describe('decodePrivateTestCases', () => {
  it('takes plain JSON text first, as LCB does', () => {
    const tests = [{ input: '1\n', output: '2\n', testtype: 'stdin' as const }];
    assert.deepEqual(decodePrivateTestCases(JSON.stringify(tests)), tests);
    assert.deepEqual(decodePrivateTestCases('[]'), []);
  });

  it('names the failing step for data that is neither JSON nor compressed', () => {
    assert.throws(() => decodePrivateTestCases('not base64 !!'), /neither JSON text nor base64 zlib data/);
  });

  it('rejects a pickle that holds anything but one str', () => {
    // PROTO 4, GLOBAL 'os\nsystem\n': the start of a malicious pickle
    const global = [0x80, 4, 0x63, ...Buffer.from('os\nsystem\n')];
    assert.throws(() => decodePrivateTestCases(encodePickle(global)), /pickle: unsupported opcode 0x63/);
  });

  it('decodes a hand-built BINUNICODE8 pickle', () => {
    const json = '[{"input": "x", "output": "y", "testtype": "functional"}]';
    const big = [0x80, 4, 0x8d, json.length, 0, 0, 0, 0, 0, 0, 0, ...Buffer.from(json), 0x94, 0x2e];
    assert.deepEqual(decodePrivateTestCases(encodePickle(big)), [
      { input: 'x', output: 'y', testtype: 'functional' },
    ]);
  });

  it('names the step that fails: base64/zlib, or JSON inside the pickle', () => {
    const notJson = [0x80, 4, 0x8c, 3, ...Buffer.from('[1,'), 0x94, 0x2e];
    assert.throws(() => decodePrivateTestCases(encodePickle(notJson)), /decompressed text is not JSON/);
  });

  it('points at the bad entry of a test list', () => {
    const bad = JSON.stringify([
      { input: 'a', output: 'b', testtype: 'stdin' },
      { input: 'a', output: 'b', testtype: 'file' },
    ]);
    assert.throws(
      () => decodePrivateTestCases(bad),
      (error: unknown) => error instanceof TestCaseDecodeError && error.path === '[1].testtype',
    );
    assert.throws(
      () => decodePublicTestCases('{"input": 1}'),
      /expected a JSON list of tests, got an object/,
    );
  });
});

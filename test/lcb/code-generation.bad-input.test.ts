import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.ts';
import { loadCodeGeneration, openCodeGeneration } from '../../src/lcb/index.ts';
import { codegenRow, tempDir, writeLite } from './fixtures.ts';

/** Write a one-file release whose line 2 is `bad` (line 1 is valid) and return the file path. */
function releaseWithBadLine(bad: Record<string, unknown> | string): { root: string; file: string } {
  const root = tempDir();
  const dir = writeLite(root, { 'test.jsonl': [codegenRow({ question_id: 'good_1' }), bad] });
  return { root, file: join(dir, 'test.jsonl') };
}

async function loadError(root: string, checkTests = false): Promise<InputError> {
  try {
    if (checkTests) await openCodeGeneration(root, { filter: { release_version: 'v1' }, checkTests });
    else await loadCodeGeneration(root, { filter: { release_version: 'v1' } });
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    return error;
  }
  assert.fail('the load should have failed');
}

function without(row: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...row };
  delete copy[key];
  return copy;
}

const CLASSES: Array<{
  name: string;
  bad: Record<string, unknown> | string;
  field: string | undefined;
  detail: RegExp;
}> = [
  { name: 'bad JSON', bad: '{"question_id": "x",', field: undefined, detail: /invalid JSON: .*JSON/ },
  {
    name: 'wrong enum',
    bad: codegenRow({ difficulty: 'extreme' }),
    field: 'difficulty',
    detail: /expected one of easy, medium, hard; got "extreme"/,
  },
  {
    name: 'bad date',
    bad: codegenRow({ contest_date: '2024-13-01T00:00:00' }),
    field: 'contest_date',
    detail: /naive ISO datetime/,
  },
  {
    name: 'undecodable private tests',
    bad: codegenRow({ private_test_cases: 'eJzzSM3JyVcozy/KSQEAGKsEPQ' }),
    field: 'private_test_cases',
    detail: /pickle: unsupported opcode 0x48/,
  },
  {
    name: 'private test without testtype',
    bad: codegenRow({ private_test_cases: '[{"input": "1", "output": "2"}]' }),
    field: 'private_test_cases[0].testtype',
    detail: /expected one of|Invalid option/,
  },
  {
    name: 'missing field',
    bad: without(codegenRow(), 'question_id'),
    field: 'question_id',
    detail: /missing field/,
  },
  { name: 'wrong type', bad: codegenRow({ platform: 3 }), field: 'platform', detail: /expected string/ },
  {
    name: 'metadata not an object',
    bad: codegenRow({ metadata: '["f"]' }),
    field: 'metadata',
    detail: /expected a JSON object/,
  },
  {
    name: 'public tests not JSON',
    bad: codegenRow({ public_test_cases: 'eJw=' }),
    field: 'public_test_cases',
    detail: /not JSON text/,
  },
];

describe('a malformed row names file, line and field', () => {
  for (const { name, bad, field, detail } of CLASSES) {
    it(name, async () => {
      const { root, file } = releaseWithBadLine(bad);
      const error = await loadError(root);
      assert.equal(error.file, file);
      assert.equal(error.line, 2);
      assert.equal(error.field, field);
      const where = field === undefined ? `${file}:2: ` : `${file}:2: field ${field}: `;
      assert.ok(error.message.startsWith(where), `${error.message} should start with ${where}`);
      assert.match(error.message, detail);
    });
  }

  it('finds undecodable tests during the scan with checkTests, not only when the problem is used', async () => {
    const { root, file } = releaseWithBadLine(codegenRow({ private_test_cases: 'not-base64-zlib' }));
    assert.equal((await openCodeGeneration(root, { filter: { release_version: 'v1' } })).problems.length, 2);
    const error = await loadError(root, true);
    assert.equal(error.message.startsWith(`${file}:2: field private_test_cases: `), true);
  });
});

describe('skipInvalid', () => {
  it('continues past bad rows and reports each with its place; counts stay exact', async () => {
    const root = tempDir();
    writeLite(root, {
      'test.jsonl': [
        codegenRow({ question_id: 'a' }),
        'not json',
        codegenRow({ question_id: 'b', difficulty: 'Easy' }),
        codegenRow({ question_id: 'c' }),
        codegenRow({ question_id: 'd', private_test_cases: '!!!' }),
      ],
    });
    const set = await openCodeGeneration(root, {
      filter: { release_version: 'v1' },
      skipInvalid: true,
      checkTests: true,
    });
    assert.deepEqual(
      set.problems.map((p) => p.question_id),
      ['a', 'c'],
    );
    assert.equal(set.rows, 5);
    assert.deepEqual(
      set.invalid.map((e) => [e.line, e.field]),
      [
        [2, undefined],
        [3, 'difficulty'],
        [5, 'private_test_cases'],
      ],
    );
  });

  it('skips a problem whose tests fail to decode while iterating, and records it', async () => {
    const root = tempDir();
    writeLite(root, {
      'test.jsonl': [
        codegenRow({ question_id: 'a', private_test_cases: '!!!' }),
        codegenRow({ question_id: 'b' }),
      ],
    });
    const set = await openCodeGeneration(root, { filter: { release_version: 'v1' }, skipInvalid: true });
    const loaded = await set.loadAll();
    assert.deepEqual(
      loaded.map((p) => p.question_id),
      ['b'],
    );
    assert.deepEqual(
      set.invalid.map((e) => [e.line, e.field]),
      [[1, 'private_test_cases']],
    );
  });
});

/**
 * Decoding of LCB's test-case fields (`CodeGenerationProblem.__post_init__`, docs/lcb.md §2.1):
 * `public_test_cases` is JSON text; `private_test_cases` is JSON text or, when that does not parse,
 * base64 → zlib → pickle → JSON text. Each entry must be `{input, output, testtype}`.
 */
import { inflateSync } from 'node:zlib';
import { LcbTest } from '../contracts/lcb-problem.ts';
import { issuePath } from '../core/zod-issues.ts';
import { PickleError, readPickledString } from './pickle.ts';

/** A test-case field that does not decode; `path` is the place inside the field (`[2].testtype`). */
export class TestCaseDecodeError extends Error {
  readonly path: string;
  constructor(message: string, path = '') {
    super(message);
    this.name = 'TestCaseDecodeError';
    this.path = path;
  }
}

/** Validate a parsed list of test dicts; errors point at the entry and key. */
export function toTests(value: unknown): LcbTest[] {
  if (!Array.isArray(value))
    throw new TestCaseDecodeError(`expected a JSON list of tests, got ${describe(value)}`);
  const tests: LcbTest[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const entry = value[i] as Partial<Record<keyof LcbTest, unknown>> | null;
    if (isTestShaped(entry)) {
      tests[i] = { input: entry.input, output: entry.output, testtype: entry.testtype };
      continue;
    }
    const parsed = LcbTest.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new TestCaseDecodeError(
        issue.message,
        `[${i}]${issue.path.length > 0 ? `.${issuePath(issue.path)}` : ''}`,
      );
    }
    tests[i] = parsed.data;
  }
  return tests;
}

// Fast path for the common case (real files hold thousands of tests per problem); zod explains failures.
function isTestShaped(entry: Partial<Record<keyof LcbTest, unknown>> | null): entry is LcbTest {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.input === 'string' &&
    typeof entry.output === 'string' &&
    (entry.testtype === 'stdin' || entry.testtype === 'functional')
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** Decode `public_test_cases`: plain JSON text only, as LCB does. */
export function decodePublicTestCases(text: string): LcbTest[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TestCaseDecodeError(`not JSON text: ${(error as Error).message}`);
  }
  return toTests(value);
}

// Output chunks near the expected size: the default 16 KiB chunks make inflating a multi-MB field ~2× slower.
function inflateChunkBytes(compressedBytes: number): number {
  return Math.min(Math.max(compressedBytes * 4, 1 << 16), 1 << 24);
}

/** The JSON text inside a compressed `private_test_cases` value: base64 → zlib → pickled str. */
export function inflatePrivateTestCases(text: string): string {
  const compressed = Buffer.from(text, 'base64');
  if (compressed.length === 0) throw new TestCaseDecodeError('neither JSON text nor base64 data');
  let pickled: Buffer;
  try {
    pickled = inflateSync(compressed, { chunkSize: inflateChunkBytes(compressed.length) });
  } catch (error) {
    throw new TestCaseDecodeError(
      `neither JSON text nor base64 zlib data (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  try {
    return readPickledString(pickled);
  } catch (error) {
    if (error instanceof PickleError) throw new TestCaseDecodeError(error.message);
    throw error;
  }
}

/**
 * Decode `private_test_cases` exactly as LCB: `json.loads` first; if that fails, base64 → zlib →
 * pickle → `json.loads`. Throws `TestCaseDecodeError` saying which step failed.
 */
export function decodePrivateTestCases(text: string): LcbTest[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const json = inflatePrivateTestCases(text);
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new TestCaseDecodeError(`decompressed text is not JSON: ${(error as Error).message}`);
    }
  }
  return toTests(value);
}

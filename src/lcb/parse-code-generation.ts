/**
 * One code-generation row (raw, all strings) → a typed problem, with LCB's `__post_init__` rules:
 * enums for platform and difficulty, `fromisoformat` dates, JSON metadata, decoded tests (docs/lcb.md §2.1).
 */
import {
  type CodeGenerationMeta,
  type CodeGenerationProblem,
  Difficulty,
  type LcbMetadata,
  type LcbTest,
  Platform,
  type RowSource,
} from '../contracts/lcb-problem.ts';
import { RawCodeGenerationRow } from '../contracts/lcb-raw.ts';
import { findErrata } from './errata.ts';
import { checkRaw, dateField, enumField, fieldError, parseJsonLine } from './rows.ts';
import { decodePrivateTestCases, decodePublicTestCases, TestCaseDecodeError } from './test-cases.ts';

function parseMetadata(text: string, where: RowSource): LcbMetadata {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw fieldError(where, 'metadata', `not JSON text: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fieldError(where, 'metadata', 'expected a JSON object, e.g. {"func_name": "countSeniors"} or {}');
  }
  const funcName = (value as Record<string, unknown>).func_name;
  if (funcName !== undefined && typeof funcName !== 'string') {
    throw fieldError(where, 'metadata.func_name', `expected a string; got ${JSON.stringify(funcName)}`);
  }
  return value as LcbMetadata;
}

/** Parse the metadata of a raw row (everything but the tests); errors name file, line and field. */
export function parseCodeGenerationMeta(row: unknown, where: RowSource): CodeGenerationMeta {
  const raw = checkRaw(RawCodeGenerationRow, row, where);
  if (raw.question_id === '') throw fieldError(where, 'question_id', 'must not be empty');
  const date = dateField(raw.contest_date, where, 'contest_date');
  return {
    question_title: raw.question_title,
    question_content: raw.question_content,
    platform: enumField(raw.platform, Platform.options, where, 'platform'),
    question_id: raw.question_id,
    contest_id: raw.contest_id,
    contest_date: date.iso,
    contest_date_us: date.us,
    starter_code: raw.starter_code,
    difficulty: enumField(raw.difficulty, Difficulty.options, where, 'difficulty'),
    metadata: parseMetadata(raw.metadata, where),
    errata: findErrata(raw.question_id, raw.question_title),
    source: { file: where.file, line: where.line },
  };
}

function decodeField(
  decode: (text: string) => LcbTest[],
  text: string,
  where: RowSource,
  field: 'public_test_cases' | 'private_test_cases',
): LcbTest[] {
  try {
    return decode(text);
  } catch (error) {
    if (error instanceof TestCaseDecodeError) throw fieldError(where, `${field}${error.path}`, error.message);
    throw error;
  }
}

/** Add the decoded tests to a parsed row (public first, then private, as LCB orders them). */
export function withTests(meta: CodeGenerationMeta, row: Record<string, unknown>): CodeGenerationProblem {
  const where = meta.source;
  const publicText = row.public_test_cases as string;
  const privateText = row.private_test_cases as string;
  return {
    ...meta,
    public_test_cases: decodeField(decodePublicTestCases, publicText, where, 'public_test_cases'),
    private_test_cases: decodeField(decodePrivateTestCases, privateText, where, 'private_test_cases'),
  };
}

/** Parse one JSON Lines line of a release file into a full problem with decoded tests. */
export function parseCodeGenerationLine(text: string, where: RowSource): CodeGenerationProblem {
  const row = parseJsonLine(text, where);
  return withTests(parseCodeGenerationMeta(row, where), row);
}

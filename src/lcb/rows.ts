/**
 * Field-level checks shared by the row parsers of every scenario. Each failure is an `InputError` naming
 * the file, the line (JSON Lines) or row (Parquet, 1-based) and the field, with what was expected.
 */
import type { z } from 'zod';
import type { RowSource } from '../contracts/lcb-problem.ts';
import { InputError } from '../core/errors.ts';
import { issuePath } from '../core/zod-issues.ts';
import { type NaiveDateTime, naiveDateTimeFromMicros, parseNaiveDateTime } from './dates.ts';

/** An `InputError` for one field of one row. */
export function fieldError(where: RowSource, field: string, detail: string): InputError {
  return new InputError(where.file, detail, { line: where.line, field });
}

/** Parse one JSON Lines line; an `InputError` naming file and line when it is not a JSON object. */
export function parseJsonLine(text: string, where: RowSource): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(where.file, `invalid JSON: ${(error as Error).message}`, { line: where.line });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(
      where.file,
      `expected a JSON object per line, got ${Array.isArray(value) ? 'a list' : typeof value}`,
      {
        line: where.line,
      },
    );
  }
  return value as Record<string, unknown>;
}

/** Check a row against its raw schema; the first issue becomes an error naming its field. */
export function checkRaw<S extends z.ZodType>(schema: S, value: unknown, where: RowSource): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issuePath(issue.path);
  const missing = issue.code === 'invalid_type' && issue.path.length > 0 && !hasPath(value, issue.path);
  throw fieldError(where, field, missing ? 'missing field' : issue.message);
}

function hasPath(value: unknown, path: readonly PropertyKey[]): boolean {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) return false;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return true;
}

/** One of an enum's values, or an error listing them. */
export function enumField<T extends string>(
  value: string,
  allowed: readonly T[],
  where: RowSource,
  field: string,
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw fieldError(where, field, `expected one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
}

/** A naive datetime from ISO text (JSON Lines) or a Parquet timestamp (microseconds, or a `Date`). */
export function dateField(value: string | bigint | Date, where: RowSource, field: string): NaiveDateTime {
  if (typeof value === 'bigint') return naiveDateTimeFromMicros(value);
  if (value instanceof Date) return naiveDateTimeFromMicros(value.getTime() * 1000);
  const parsed = parseNaiveDateTime(value);
  if (parsed === undefined) {
    throw fieldError(
      where,
      field,
      `expected a naive ISO datetime such as "2025-01-11T18:30:00"; got ${JSON.stringify(value)}`,
    );
  }
  return parsed;
}

/** An int64 column (bigint from Parquet, number or decimal text from JSON) as a safe JS number. */
export function intField(value: bigint | number | string, where: RowSource, field: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw fieldError(where, field, `integer ${String(value)} is out of range`);
  return n;
}

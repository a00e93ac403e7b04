/**
 * Options and results shared by every scenario's loader: the filter, the bad-row policy, and what came
 * out (problems, skipped rows, ids asked for but absent).
 */
import type { LcbFilterInput } from '../contracts/lcb-filter.ts';
import { InputError } from '../core/errors.ts';
import { type CompiledFilter, compileFilter } from './filters.ts';

/** How to load: which problems, and whether a bad row stops the load or is skipped and reported. */
export interface LoadOptions {
  filter?: LcbFilterInput | CompiledFilter;
  /** keep going past malformed rows; they are listed in `invalid` (default: stop at the first) */
  skipInvalid?: boolean;
}

/** What a loader returns besides its problems. */
export interface LoadReport {
  /** the files read, in order */
  files: string[];
  /** rows read, valid or not */
  rows: number;
  /** malformed rows skipped under `skipInvalid`, each naming file, line and field */
  invalid: InputError[];
  /** `question_ids` of the filter that matched no problem (a typo, or a problem outside the data) */
  unmatched_question_ids: string[];
}

/** Problems of one scenario, filtered and in LCB's order, with the load report. */
export interface LoadResult<T> extends LoadReport {
  problems: T[];
}

/** The filter of a load, validated once. */
export function filterOf(options: LoadOptions): CompiledFilter {
  const filter = options.filter ?? {};
  return 'start_us' in filter ? (filter as CompiledFilter) : compileFilter(filter);
}

/** Run one row's parse; under `skipInvalid` a bad row is recorded and `undefined` returned. */
export function parseRow<T>(options: LoadOptions, invalid: InputError[], parse: () => T): T | undefined;
/** The same for an asynchronous parse. */
export function parseRow<T>(
  options: LoadOptions,
  invalid: InputError[],
  parse: () => Promise<T>,
): Promise<T | undefined>;
export function parseRow<T>(
  options: LoadOptions,
  invalid: InputError[],
  parse: () => T | Promise<T>,
): T | undefined | Promise<T | undefined> {
  const skip = (error: unknown): undefined => {
    if (options.skipInvalid === true && error instanceof InputError) {
      invalid.push(error);
      return undefined;
    }
    throw error;
  };
  try {
    const result = parse();
    return result instanceof Promise ? result.catch(skip) : result;
  } catch (error) {
    return skip(error);
  }
}

/** Python's `str` ordering (code points), which LCB's `sorted(..., key=question_id)` uses. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * Matching a predictions file to the benchmark, in the formats LCB's `custom_evaluator.py` takes: a list
 * of answer lists in benchmark order, or a list of entries keyed by problem (`question_id` + `code_list`;
 * `question_id` + `test_id` + `pred_list`; `id` + `pred_list`). Upstream only checks the count and pairs
 * by position after sorting; here keyed entries are matched by key and every missing or unknown problem
 * is named.
 */
import type { z } from 'zod';
import type { LcbScenario } from '../contracts/lcb-problem.ts';
import { CodeListEntry, ExecutionPredEntry, TestOutputPredEntry } from '../contracts/results.ts';
import { InputError } from '../core/errors.ts';
import { firstIssue } from '../core/zod-issues.ts';

/** The key of a problem in a keyed predictions file, per scenario. */
export function predictionKey(
  scenario: LcbScenario,
  entry: { question_id?: unknown; test_id?: unknown; id?: unknown },
): string {
  if (scenario === 'testoutputprediction') return `${String(entry.question_id)}/${String(entry.test_id)}`;
  if (scenario === 'codeexecution') return String(entry.id);
  return String(entry.question_id);
}

function entrySchema(scenario: LcbScenario): z.ZodType<{ code_list?: string[]; pred_list?: string[] }> {
  if (scenario === 'testoutputprediction') return TestOutputPredEntry;
  if (scenario === 'codeexecution') return ExecutionPredEntry;
  return CodeListEntry;
}

const listShow = (keys: string[]): string =>
  keys.length <= 5 ? keys.join(', ') : `${keys.slice(0, 5).join(', ')} and ${keys.length - 5} more`;

/**
 * The answers of each problem, aligned with `problemKeys` (the benchmark's keys in LCB order).
 * `file` is the path (for messages); `value` the parsed JSON.
 */
export function alignPredictions(
  file: string,
  value: unknown,
  scenario: LcbScenario,
  problemKeys: readonly string[],
): string[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InputError(file, 'expected a non-empty JSON list (of answer lists, or of entries per problem)');
  }
  if (value.every((item) => Array.isArray(item))) {
    value.forEach((answers: unknown[], i) => {
      const bad = answers.findIndex((a) => typeof a !== 'string');
      if (bad >= 0) throw new InputError(file, 'answers must be strings', { field: `[${i}][${bad}]` });
    });
    if (value.length !== problemKeys.length) {
      throw new InputError(
        file,
        `has ${value.length} answer lists but the benchmark has ${problemKeys.length} problems`,
        {
          hint: 'lists of answers are matched by position in LCB order; use keyed entries to grade a subset',
        },
      );
    }
    return value as string[][];
  }
  const schema = entrySchema(scenario);
  const byKey = new Map<string, string[]>();
  value.forEach((entry, i) => {
    const parsed = schema.safeParse(entry);
    if (!parsed.success) {
      const issue = firstIssue(parsed.error);
      throw new InputError(file, issue.message, { field: `[${i}].${issue.field}` });
    }
    const key = predictionKey(scenario, entry as Record<string, unknown>);
    if (byKey.has(key)) throw new InputError(file, `problem ${key} appears twice`, { field: `[${i}]` });
    byKey.set(key, parsed.data.code_list ?? parsed.data.pred_list ?? []);
  });
  const missing = problemKeys.filter((key) => !byKey.has(key));
  const known = new Set(problemKeys);
  const unknown = [...byKey.keys()].filter((key) => !known.has(key));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length > 0 ? `no answers for ${listShow(missing)}` : '',
      unknown.length > 0 ? `answers for problems not in the benchmark: ${listShow(unknown)}` : '',
    ].filter((p) => p !== '');
    throw new InputError(file, parts.join('; '), {
      hint: 'select the same problems as the predictions (--release-version, --start-date, --end-date, --question-ids)',
    });
  }
  return problemKeys.map((key) => byKey.get(key)!);
}

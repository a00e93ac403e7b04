/**
 * Code-execution grading (`compute_code_execution_metrics.evaluate_score`), host side. Upstream runs
 * `assert <true output> == <prediction>` per prediction; here the true output stays on the host
 * (`python/literal.ts` or a trusted sandbox run evaluates it) and the sandbox driver
 * (`src/sandbox/python/lcb/execution.py`) reports each comparison the program makes with it as a probe
 * carrying the other operand, forking into both outcomes when the program continues past the comparison.
 * `resolvePrediction` follows the world that matches the real comparison.
 */
import type { GraderMode } from '../contracts/grade.ts';
import { pyEquals } from '../python/equals.ts';
import type { PyValue } from '../python/value.ts';
import { compareFunctionalOutput } from './functional.ts';

/** The true output as the execution check sees it: a value, or the error evaluating it raises. */
export type ExpectedValue = { kind: 'value'; value: PyValue } | { kind: 'raises'; repr: string };

/** One message of the execution driver about one prediction. */
export type WorldMessage =
  | { event: 'probe'; path: string; value: PyValue; decides: boolean }
  | { event: 'end'; path: string; passed: boolean; error: string | null };

/**
 * Whether a prediction is skipped: upstream drops a prediction that contains the sample's input call
 * (`if i in g`). In `fixed` mode it is kept in the list and counts as wrong.
 */
export function isSkippedPrediction(input: string, prediction: string): boolean {
  return prediction.includes(input);
}

/** `O == value` as the assertion evaluates it: true, false, or raises (a numpy array's ambiguous truth). */
function comparisonTruth(expected: PyValue, value: PyValue, mode: GraderMode): boolean | 'raises' {
  const outcome = compareFunctionalOutput(value, expected);
  if (outcome.kind === 'raises') return 'raises';
  if (outcome.kind === 'equal') return true;
  // --grader fixed: NaN equals NaN, so a `nan` true output can be predicted
  return mode === 'fixed' && pyEquals(expected, value, { nanEqualsNan: true });
}

/** Whether one prediction passes, from its driver messages and the true output. */
export function resolvePrediction(
  messages: readonly WorldMessage[],
  expected: ExpectedValue,
  mode: GraderMode,
): boolean {
  if (expected.kind === 'raises') return false;
  const byPath = new Map<string, WorldMessage>();
  for (const message of messages) if (!byPath.has(message.path)) byPath.set(message.path, message);
  let path = '';
  for (;;) {
    const message = byPath.get(path);
    if (message === undefined) return false; // the world was killed (time limit) or died
    if (message.event === 'end') return mode === 'fixed' ? false : message.passed;
    const truth = comparisonTruth(expected.value, message.value, mode);
    if (truth === 'raises') return false;
    if (message.decides) return truth;
    path += truth ? 'T' : 'F';
  }
}

/**
 * The per-sample result list upstream stores: evaluated predictions in order (skipped ones dropped);
 * `[False] * n` when every prediction was skipped. `fixed` keeps one entry per prediction.
 */
export function executionResultList(
  predictions: readonly string[],
  input: string,
  verdicts: ReadonlyMap<number, boolean>,
  mode: GraderMode,
): boolean[] {
  if (mode === 'fixed') return predictions.map((_, i) => verdicts.get(i) ?? false);
  const kept = predictions.flatMap((prediction, i) =>
    isSkippedPrediction(input, prediction) ? [] : [verdicts.get(i) ?? false],
  );
  return kept.length === 0 ? predictions.map(() => false) : kept;
}

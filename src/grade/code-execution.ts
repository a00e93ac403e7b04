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

/** One prediction's outcome: its verdict, or `skipped` where upstream drops it from the sample's list. */
export type PredictionOutcome = boolean | 'skipped';

/**
 * Each prediction's outcome from the verdicts of the predictions that ran: in `lcb` mode a prediction that
 * contains the input call is `skipped`; in `fixed` mode it stays and counts as wrong (it never ran).
 */
export function predictionOutcomes(
  predictions: readonly string[],
  input: string,
  verdicts: ReadonlyMap<number, boolean>,
  mode: GraderMode,
): PredictionOutcome[] {
  return predictions.map((prediction, i) =>
    mode === 'lcb' && isSkippedPrediction(input, prediction) ? 'skipped' : (verdicts.get(i) ?? false),
  );
}

/**
 * `evaluate_score`'s result list of one sample, from its predictions' outcomes in order: skipped ones are
 * dropped, and when every one was skipped upstream stores `[False] * n`. `hrm-lcb grade`'s files and
 * `hrm-lcb evaluate`'s journal-built files and scores all come from here.
 */
export function executionResultList(outcomes: readonly PredictionOutcome[]): boolean[] {
  const kept = outcomes.filter((outcome): outcome is boolean => outcome !== 'skipped');
  return kept.length === 0 ? outcomes.map(() => false) : kept;
}

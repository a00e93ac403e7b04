/**
 * `check_testcase_output(prediction, expected_output)` of `compute_test_output_prediction_metrics.py`,
 * host side: the prediction was picked and `eval`ed in the sandbox (`src/sandbox/python/lcb/test_output.py`);
 * here its value is compared with `json.loads(expected_output)` by Python `==` (prediction on the left).
 * Any evaluation error, or an expected output that is not JSON, gives `False`.
 */

import { PyJsonError, pyJsonLoads } from '../python/json-loads.ts';
import type { PyValue } from '../python/value.ts';
import { compareFunctionalOutput } from './functional.ts';

/** What evaluating one prediction in the sandbox gave. */
export type PredictionValue = { kind: 'value'; value: PyValue } | { kind: 'error'; repr: string };

/** Python `json.loads(expected_output)`, or null when upstream's `json.loads` raises. */
export function parseExpectedOutput(expectedOutput: string): PyValue | undefined {
  try {
    return pyJsonLoads(expectedOutput);
  } catch (error) {
    if (error instanceof PyJsonError) return undefined;
    throw error;
  }
}

/** The boolean upstream stores for one test-output prediction. */
export function checkTestcaseOutput(prediction: PredictionValue, expected: PyValue | undefined): boolean {
  if (prediction.kind === 'error' || expected === undefined) return false;
  return compareFunctionalOutput(prediction.value, expected).kind === 'equal';
}

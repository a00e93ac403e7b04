/**
 * Grade test-output predictions through the sandbox: the driver picks each prediction's asserted output
 * and evaluates it (`check_testcase_output`), the host compares the value with the expected output.
 * Upstream evaluates every prediction in one process, one after another, and so does one run here; each
 * evaluation gets the per-test time limit, which upstream does not have. When a prediction takes the run
 * down (a C-level loop ignores the alarm until the whole-run limit), it counts as wrong and a new run
 * continues with the next one.
 */
import { checkTestcaseOutput, type PredictionValue, parseExpectedOutput } from '../grade/test-output.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { JudgeOptions, JudgeOutcome } from './codegen.ts';
import { runDriver } from './drivers.ts';
import { decodeTestOutputMessage, ProtocolError } from './messages.ts';

/** One prediction to check: the extracted text and the dataset's expected output (JSON text). */
export interface TestOutputItem {
  prediction: string;
  expectedOutput: string;
}

/** Evaluate predictions `from..` in one run; returns the values that came back, in order. */
async function evaluateFrom(
  sandbox: Sandbox,
  predictions: readonly string[],
  options: JudgeOptions,
): Promise<PredictionValue[] | { infra: string }> {
  const values: PredictionValue[] = [];
  const result = await runDriver(sandbox, {
    driver: 'test_output',
    payload: { predictions },
    timeoutSeconds: options.timeoutSeconds,
    mode: options.mode,
    runs: predictions.length,
    profile: 'lcb',
    memoryBytes: options.memoryBytes,
    onMessage: (bytes) => {
      const message = decodeTestOutputMessage(bytes);
      if (message === 'done') return 'continue';
      if (message.index !== values.length || message.index >= predictions.length) {
        throw new ProtocolError(`unexpected report for prediction ${message.index}`);
      }
      values.push(message.outcome);
      return 'continue';
    },
  });
  if (result.status === 'infrastructure-error') return { infra: result.infraError ?? 'the sandbox failed' };
  return values;
}

/** Check a batch of predictions; one boolean per item, in order (upstream's `[global_result]`). */
export async function judgeTestOutputs(
  sandbox: Sandbox,
  items: readonly TestOutputItem[],
  options: JudgeOptions,
): Promise<JudgeOutcome<boolean[]>> {
  const values: (PredictionValue | null)[] = [];
  while (values.length < items.length) {
    const rest = items.slice(values.length).map((item) => item.prediction);
    const got = await evaluateFrom(sandbox, rest, options);
    if ('infra' in got) return { kind: 'infrastructure-error', message: got.infra };
    values.push(...got);
    // the run ended early: the prediction it was on took it down (or broke the protocol)
    if (values.length < items.length) values.push(null);
  }
  const verdict = items.map((item, i) => {
    const value = values[i];
    return (
      value !== null &&
      value !== undefined &&
      checkTestcaseOutput(value, parseExpectedOutput(item.expectedOutput))
    );
  });
  return { kind: 'verdict', verdict };
}

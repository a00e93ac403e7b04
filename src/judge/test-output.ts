/**
 * Grade test-output predictions through the sandbox: the driver picks each prediction's asserted output
 * and evaluates it (`check_testcase_output`), the host compares the value with the expected output.
 * Upstream evaluates every prediction in one process, one after another, and so does one run here
 * (a batch); each evaluation gets the per-test time limit, which upstream does not have.
 */
import { checkTestcaseOutput, type PredictionValue, parseExpectedOutput } from '../grade/test-output.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { JudgeOptions, JudgeOutcome } from './codegen.ts';
import { driverSource } from './drivers.ts';
import { decodeTestOutputMessage, ProtocolError } from './messages.ts';

/** One prediction to check: the extracted text and the dataset's expected output (JSON text). */
export interface TestOutputItem {
  prediction: string;
  expectedOutput: string;
}

/** Check a batch of predictions; one boolean per item, in order (upstream's `[global_result]`). */
export async function judgeTestOutputs(
  sandbox: Sandbox,
  items: readonly TestOutputItem[],
  options: JudgeOptions,
): Promise<JudgeOutcome<boolean[]>> {
  if (items.length === 0) return { kind: 'verdict', verdict: [] };
  const values = new Map<number, PredictionValue>();
  let done = false;
  let violation: string | null = null;
  const wallSeconds = (options.timeoutSeconds + 1) * items.length + 5;
  const result = await sandbox.run({
    source: driverSource('test_output'),
    stdin: JSON.stringify({
      predictions: items.map((item) => item.prediction),
      timeout: options.timeoutSeconds,
      mode: options.mode,
    }),
    profile: 'lcb',
    limits: {
      wallMs: wallSeconds * 1000,
      cpuMs: wallSeconds * 1000 + 1000,
      memoryBytes: options.memoryBytes,
    },
    onMessage: (bytes) => {
      try {
        const message = decodeTestOutputMessage(bytes);
        if (message === 'done') done = true;
        else if (message.index !== values.size || message.index >= items.length) {
          throw new ProtocolError(`unexpected report for prediction ${message.index}`);
        } else values.set(message.index, message.outcome);
        return 'continue';
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
        violation = error.message;
        return 'stop';
      }
    },
  });
  if (result.status === 'infrastructure-error') {
    return { kind: 'infrastructure-error', message: result.infraError ?? 'the sandbox failed' };
  }
  // a prediction without a value (the run died, timed out or broke the protocol) counts as wrong
  void done;
  void violation;
  const verdict = items.map((item, i) => {
    const value = values.get(i);
    return value !== undefined && checkTestcaseOutput(value, parseExpectedOutput(item.expectedOutput));
  });
  return { kind: 'verdict', verdict };
}

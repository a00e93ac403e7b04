/**
 * Grade code-execution predictions of one sample through the sandbox (`evaluate_score` of
 * `compute_code_execution_metrics.py`). The true output is evaluated on the host when it is a literal
 * (`python/literal.ts`) or else in a separate trusted run with no prediction in it; the predictions run in
 * the execution driver with the true output replaced by probes (`src/grade/code-execution.ts`). Every
 * prediction runs in its own fresh, guarded process with a 3 s limit and a 4 s kill, as upstream.
 */
import {
  type ExpectedValue,
  executionResultList,
  isSkippedPrediction,
  type PredictionOutcome,
  predictionOutcomes,
  resolvePrediction,
  type WorldMessage,
} from '../grade/code-execution.ts';
import { evaluateLiteral } from '../python/literal.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { JudgeOptions, JudgeOutcome } from './codegen.ts';
import { runDriver } from './drivers.ts';
import { decodeExecutionMessage } from './messages.ts';

/** The sample fields the check uses (`get_evaluation_sample`). */
export interface ExecutionSample {
  code: string;
  /** the call, e.g. `f(x = 1)`; a prediction containing it is skipped */
  input: string;
  /** the true output as Python literal text */
  output: string;
}

/** Upstream's per-program limit for code execution (`check_correctness(program, 3)`). */
export const EXECUTION_TIMEOUT_SECONDS = 3;
/** Most worlds one prediction may fork into (probes per path are capped at 4 by the driver). */
const MAX_WORLDS = 16;

type Messages = Map<number, WorldMessage[]>;

async function runExecution(
  sandbox: Sandbox,
  payload: Record<string, unknown>,
  runs: number,
  options: JudgeOptions,
): Promise<{ messages: Messages } | { infra: string }> {
  const messages: Messages = new Map();
  // a message that breaks the protocol stops the run: what arrived so far stands, missing worlds fail
  const result = await runDriver(sandbox, {
    driver: 'execution',
    payload,
    timeoutSeconds: EXECUTION_TIMEOUT_SECONDS,
    mode: options.mode,
    runs,
    profile: 'scientific',
    memoryBytes: options.memoryBytes,
    onMessage: (bytes) => {
      const decoded = decodeExecutionMessage(bytes);
      if (decoded === 'done') return 'continue';
      const list = messages.get(decoded.index) ?? [];
      list.push(decoded.message);
      messages.set(decoded.index, list);
      return 'continue';
    },
  });
  if (result.status === 'infrastructure-error') return { infra: result.infraError ?? 'the sandbox failed' };
  return { messages };
}

/** The true output's value: a host-side literal evaluation, else a trusted run of the text alone. */
async function expectedValue(
  sandbox: Sandbox,
  sample: ExecutionSample,
  options: JudgeOptions,
): Promise<ExpectedValue | { infra: string }> {
  const literal = evaluateLiteral(sample.output, { nanDefined: options.mode === 'fixed' });
  if (literal.kind !== 'unsupported') return literal;
  const run = await runExecution(
    sandbox,
    { code: sample.code, reference: sample.output, predictions: [] },
    1,
    options,
  );
  if ('infra' in run) return run;
  const message = run.messages.get(-1)?.[0];
  if (message?.event === 'probe') return { kind: 'value', value: message.value };
  return { kind: 'raises', repr: message?.event === 'end' ? (message.error ?? 'error') : 'no result' };
}

/**
 * Grade the predictions of one sample; resolves to each prediction's outcome, in order (`skipped` where
 * upstream drops the prediction). `hrm-lcb evaluate` journals these per sample.
 */
export async function judgeExecutionPredictions(
  sandbox: Sandbox,
  sample: ExecutionSample,
  predictions: readonly string[],
  options: JudgeOptions,
): Promise<JudgeOutcome<PredictionOutcome[]>> {
  const toRun = predictions.flatMap((text, index) =>
    isSkippedPrediction(sample.input, text) ? [] : [{ index, text }],
  );
  const verdicts = new Map<number, boolean>();
  if (toRun.length > 0) {
    const expected = await expectedValue(sandbox, sample, options);
    if ('infra' in expected) return { kind: 'infrastructure-error', message: expected.infra };
    if (expected.kind === 'value') {
      const run = await runExecution(
        sandbox,
        { code: sample.code, predictions: toRun },
        toRun.length * MAX_WORLDS,
        options,
      );
      if ('infra' in run) return { kind: 'infrastructure-error', message: run.infra };
      for (const { index } of toRun) {
        verdicts.set(index, resolvePrediction(run.messages.get(index) ?? [], expected, options.mode));
      }
    }
  }
  return {
    kind: 'verdict',
    verdict: predictionOutcomes(predictions, sample.input, verdicts, options.mode),
  };
}

/** Grade the predictions of one sample; resolves to upstream's result list for it (`executionResultList`). */
export async function judgeCodeExecution(
  sandbox: Sandbox,
  sample: ExecutionSample,
  predictions: readonly string[],
  options: JudgeOptions,
): Promise<JudgeOutcome<boolean[]>> {
  const outcome = await judgeExecutionPredictions(sandbox, sample, predictions, options);
  if (outcome.kind !== 'verdict') return outcome;
  return { kind: 'verdict', verdict: executionResultList(outcome.verdict) };
}

/**
 * An eval-mode ACT rollout from the initial carry, recorded step by step in the naming and dtypes of the
 * golden fixture `tiny_a/eval_steps.safetensors` (docs/hrm.md §10): `step{k}.logits` f32 [B, S, V],
 * `step{k}.q_halt_logits` / `step{k}.q_continue_logits` f32 [B], `step{k}.steps` i32 [B], `step{k}.halted`
 * bool [B], and optionally `step{k}.z_H` / `step{k}.z_L` f32 [B, T, D]. This is what `hrm-lcb hrm forward`
 * writes, so users can compare it tensor by tensor with the same rollout in PyTorch.
 */
import { fromBool, fromFloat32, fromInt32, type StoredTensor } from './checkpoint/stored-tensor.ts';
import { type HrmConfig, hrmDims } from './config.ts';
import { ActLossHead, type HrmMetrics, type LossResult, type LossType } from './loss-head.ts';
import { type HrmBatch, HrmModel } from './model.ts';
import type { ParamBuffers } from './weights.ts';

/** Options of `forwardRollout`. */
export interface RolloutOptions {
  /** ACT steps to run (upstream evaluation runs halt_max_steps) */
  steps: number;
  /** also record the carry z_H, z_L after each step */
  withCarry?: boolean;
  lossType?: LossType;
  /** rows run together (default: as many as keep the attention probabilities under 256 MiB) */
  rowsPerChunk?: number;
  /** called after each step of each chunk, e.g. to report progress or stop */
  onProgress?: (done: { rows: number; step: number }) => void;
}

/** The recorded tensors and, when the batch has labels, each step's loss and metrics (summed over rows). */
export interface RolloutResult {
  tensors: Map<string, StoredTensor>;
  losses: LossResult[];
}

/** Budget for one chunk's [rows, heads, T, T] attention probabilities, the largest activation. */
const PROBS_BUDGET_BYTES = 256 * 1024 * 1024;

/** Rows per chunk so that the attention probabilities fit the budget (at least 1). */
export function defaultRowsPerChunk(config: HrmConfig): number {
  const { T, h } = hrmDims(config);
  return Math.max(1, Math.floor(PROBS_BUDGET_BYTES / (h * T * T * 4)));
}

function sliceBatch(batch: HrmBatch, start: number, rows: number, S: number): HrmBatch {
  const sliced: HrmBatch = {
    inputs: batch.inputs.subarray(start * S, (start + rows) * S),
    puzzleIdentifiers: batch.puzzleIdentifiers.subarray(start, start + rows),
  };
  if (batch.labels !== undefined) sliced.labels = batch.labels.subarray(start * S, (start + rows) * S);
  return sliced;
}

function addLoss(total: LossResult | undefined, part: LossResult): LossResult {
  if (total === undefined) return { ...part, metrics: { ...part.metrics } };
  const metrics = { ...total.metrics };
  for (const key of Object.keys(part.metrics) as (keyof HrmMetrics)[]) {
    metrics[key] = (metrics[key] ?? 0) + (part.metrics[key] ?? 0);
  }
  return { loss: total.loss + part.loss, metrics, allHalted: total.allHalted && part.allHalted };
}

/**
 * Run `options.steps` eval-mode ACT steps on every row of a batch and record every step. Rows do not
 * interact in eval mode, so big batches run in chunks of rows with the same results.
 */
export function forwardRollout(
  config: HrmConfig,
  weights: ParamBuffers,
  batch: HrmBatch,
  rows: number,
  options: RolloutOptions,
): RolloutResult {
  const { S, V, T, D } = hrmDims(config);
  const K = options.steps;
  const perStep = Array.from({ length: K }, () => ({
    logits: new Float32Array(rows * S * V),
    qHalt: new Float32Array(rows),
    qContinue: new Float32Array(rows),
    steps: new Int32Array(rows),
    halted: new Uint8Array(rows),
    zH: options.withCarry ? new Float32Array(rows * T * D) : undefined,
    zL: options.withCarry ? new Float32Array(rows * T * D) : undefined,
    loss: undefined as LossResult | undefined,
  }));
  const chunk = Math.max(1, options.rowsPerChunk ?? defaultRowsPerChunk(config));
  let model: HrmModel | undefined;
  let head: ActLossHead | undefined;
  for (let start = 0; start < rows; start += chunk) {
    const n = Math.min(chunk, rows - start);
    if (model?.batchSize !== n) {
      model = new HrmModel(config, weights, n);
      head = new ActLossHead(model, options.lossType);
    }
    const part = sliceBatch(batch, start, n, S);
    const carry = model.initialCarry();
    for (let k = 0; k < K; k += 1) {
      const out = model.forward(carry, part, { training: false });
      const record = perStep[k]!;
      record.logits.set(out.logits.data, start * S * V);
      record.qHalt.set(out.qHaltLogits, start);
      record.qContinue.set(out.qContinueLogits, start);
      record.steps.set(carry.steps, start);
      record.halted.set(carry.halted, start);
      record.zH?.set(carry.zH.data, start * T * D);
      record.zL?.set(carry.zL.data, start * T * D);
      if (part.labels !== undefined) record.loss = addLoss(record.loss, head!.compute(carry, out));
      options.onProgress?.({ rows: start + n, step: k + 1 });
    }
  }
  const tensors = new Map<string, StoredTensor>();
  perStep.forEach((record, i) => {
    const k = i + 1;
    tensors.set(`step${k}.logits`, fromFloat32(record.logits, [rows, S, V]));
    tensors.set(`step${k}.q_halt_logits`, fromFloat32(record.qHalt, [rows]));
    tensors.set(`step${k}.q_continue_logits`, fromFloat32(record.qContinue, [rows]));
    if (record.zH !== undefined && record.zL !== undefined) {
      tensors.set(`step${k}.z_H`, fromFloat32(record.zH, [rows, T, D]));
      tensors.set(`step${k}.z_L`, fromFloat32(record.zL, [rows, T, D]));
    }
    tensors.set(`step${k}.steps`, fromInt32(record.steps, [rows]));
    tensors.set(`step${k}.halted`, fromBool(record.halted, [rows]));
  });
  const losses = perStep.flatMap((record) => (record.loss === undefined ? [] : [record.loss]));
  return { tensors, losses };
}

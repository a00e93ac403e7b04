/**
 * An eval-mode ACT rollout from the initial carry, recorded step by step in the naming and dtypes of the
 * golden fixture `tiny_a/eval_steps.safetensors` (docs/hrm.md §10): `step{k}.logits` f32 [B, S, V],
 * `step{k}.q_halt_logits` / `step{k}.q_continue_logits` f32 [B], `step{k}.steps` i32 [B], `step{k}.halted`
 * bool [B], and optionally `step{k}.z_H` / `step{k}.z_L` f32 [B, T, D]. This is what `hrm-lcb hrm forward`
 * writes, so users can compare it tensor by tensor with the same rollout in PyTorch.
 */
import { fromBool, fromFloat32, fromInt32, type StoredTensor } from './checkpoint/stored-tensor.ts';
import type { HrmConfig } from './config.ts';
import { ActLossHead, type LossResult, type LossType } from './loss-head.ts';
import { type HrmBatch, HrmModel } from './model.ts';
import type { ParamBuffers } from './weights.ts';

/** Options of `forwardRollout`. */
export interface RolloutOptions {
  /** ACT steps to run (upstream evaluation runs halt_max_steps) */
  steps: number;
  /** also record the carry z_H, z_L after each step */
  withCarry?: boolean;
  lossType?: LossType;
  /** called after each step, e.g. to report progress or stop */
  onStep?: (step: number, loss: LossResult | undefined) => void;
}

/** The recorded tensors and, when the batch has labels, each step's loss and metrics. */
export interface RolloutResult {
  tensors: Map<string, StoredTensor>;
  losses: LossResult[];
}

/** Run `options.steps` eval-mode ACT steps of the model on one batch and record every step. */
export function forwardRollout(
  config: HrmConfig,
  weights: ParamBuffers,
  batch: HrmBatch,
  rows: number,
  options: RolloutOptions,
): RolloutResult {
  const model = new HrmModel(config, weights, rows);
  const head = new ActLossHead(model, options.lossType);
  const carry = model.initialCarry();
  const tensors = new Map<string, StoredTensor>();
  const losses: LossResult[] = [];
  const { S, V, T, D } = model.dims;
  for (let k = 1; k <= options.steps; k += 1) {
    const out = model.forward(carry, batch, { training: false });
    tensors.set(`step${k}.logits`, fromFloat32(out.logits.data, [rows, S, V]));
    tensors.set(`step${k}.q_halt_logits`, fromFloat32(out.qHaltLogits, [rows]));
    tensors.set(`step${k}.q_continue_logits`, fromFloat32(out.qContinueLogits, [rows]));
    if (options.withCarry) {
      tensors.set(`step${k}.z_H`, fromFloat32(carry.zH.data, [rows, T, D]));
      tensors.set(`step${k}.z_L`, fromFloat32(carry.zL.data, [rows, T, D]));
    }
    tensors.set(`step${k}.steps`, fromInt32(carry.steps, [rows]));
    tensors.set(`step${k}.halted`, fromBool(carry.halted, [rows]));
    const loss = batch.labels === undefined ? undefined : head.compute(carry, out);
    if (loss !== undefined) losses.push(loss);
    options.onStep?.(k, loss);
  }
  return { tensors, losses };
}

/**
 * Everything a training run needs to resume exactly, as one safetensors file: the weights (upstream names,
 * f32), the AdamATan2 moments and step count, and the ACT carry (z_H, z_L, steps, halted and the examples the
 * rows are working on). Upstream saves weights only (docs/hrm.md §7.6, "FIXME"), so its resumed runs restart
 * the optimizer and the carry; ours continue as if never stopped. The metadata names the format and version
 * and holds the config and hyper-parameters, so a mismatched resume is refused naming both.
 */
import { InputError } from '../core/errors.ts';
import { stateDictToWeights, weightsToStateDict } from './checkpoint/state-dict.ts';
import {
  fromBool,
  fromFloat32,
  fromInt32,
  numel,
  type StoredTensor,
  type TensorFile,
  toFloat32,
  toInt32,
} from './checkpoint/stored-tensor.ts';
import { hrmConfigToJson } from './config.ts';
import type { HrmTrainer } from './train-step.ts';

/** Format name written into (and required from) the metadata. */
export const TRAIN_STATE_FORMAT = 'hrm-lcb-train-state';
/** Format version; bump it when the layout changes, so old files are refused instead of misread. */
export const TRAIN_STATE_VERSION = '1';

/** The trainer's full state as a tensor file (write it with `writeTensorFile(path.safetensors, ...)`). */
export function exportTrainState(trainer: HrmTrainer): TensorFile {
  const { config, weights, adam, model } = trainer;
  const file = weightsToStateDict(weights, config);
  for (const spec of adam.m.table) {
    file.tensors.set(
      `optimizer.adam_atan2.exp_avg.${spec.name}`,
      fromFloat32(adam.m.get(spec.name), spec.shape),
    );
    file.tensors.set(
      `optimizer.adam_atan2.exp_avg_sq.${spec.name}`,
      fromFloat32(adam.v.get(spec.name), spec.shape),
    );
  }
  const carry = trainer.carry;
  if (carry !== undefined) {
    const B = model.batchSize;
    const { T, D, S } = model.dims;
    file.tensors.set('carry.z_H', fromFloat32(carry.zH.data, [B, T, D]));
    file.tensors.set('carry.z_L', fromFloat32(carry.zL.data, [B, T, D]));
    file.tensors.set('carry.steps', fromInt32(carry.steps, [B]));
    file.tensors.set('carry.halted', fromBool(carry.halted, [B]));
    file.tensors.set('carry.current_data.inputs', fromInt32(carry.currentData.inputs, [B, S]));
    file.tensors.set('carry.current_data.labels', fromInt32(carry.currentData.labels, [B, S]));
    file.tensors.set(
      'carry.current_data.puzzle_identifiers',
      fromInt32(carry.currentData.puzzleIdentifiers, [B]),
    );
  }
  file.metadata = {
    ...file.metadata,
    format: TRAIN_STATE_FORMAT,
    version: TRAIN_STATE_VERSION,
    step: String(trainer.step),
    adam_step: String(adam.step),
    seed: String(trainer.seed),
    hyper: JSON.stringify(trainer.hyper),
  };
  return file;
}

/** Load a state written by `exportTrainState` into a trainer built with the same config and hyper-parameters. */
export function restoreTrainState(trainer: HrmTrainer, file: TensorFile, source: string): void {
  const meta = file.metadata;
  if (meta.format !== TRAIN_STATE_FORMAT || meta.version !== TRAIN_STATE_VERSION) {
    throw new InputError(
      source,
      `not an ${TRAIN_STATE_FORMAT} v${TRAIN_STATE_VERSION} file (format ${meta.format}, version ${meta.version})`,
    );
  }
  const config = JSON.stringify(hrmConfigToJson(trainer.config));
  if (meta.config !== config) {
    throw new InputError(source, `saved with config ${meta.config}, but this run has ${config}`, {
      field: 'config',
    });
  }
  if (meta.hyper !== JSON.stringify(trainer.hyper)) {
    throw new InputError(
      source,
      `saved with hyper-parameters ${meta.hyper}, but this run has ${JSON.stringify(trainer.hyper)}`,
      {
        field: 'hyper',
      },
    );
  }
  if (meta.seed !== String(trainer.seed)) {
    throw new InputError(source, `saved with seed ${meta.seed}, but this run has ${trainer.seed}`, {
      field: 'seed',
    });
  }
  const tensor = (key: string, size: number): StoredTensor => {
    const t = file.tensors.get(key);
    if (t === undefined) throw new InputError(source, 'missing from the training state', { field: key });
    if (numel(t.shape) !== size)
      throw new InputError(source, `holds ${numel(t.shape)} values, expected ${size}`, { field: key });
    return t;
  };
  const weightsOnly = new Map([...file.tensors].filter(([key]) => key.startsWith('model.inner.')));
  trainer.weights.data.set(
    stateDictToWeights({ tensors: weightsOnly, metadata: {} }, trainer.config, source).data,
  );
  for (const spec of trainer.adam.m.table) {
    trainer.adam.m
      .get(spec.name)
      .set(toFloat32(tensor(`optimizer.adam_atan2.exp_avg.${spec.name}`, spec.size)));
    trainer.adam.v
      .get(spec.name)
      .set(toFloat32(tensor(`optimizer.adam_atan2.exp_avg_sq.${spec.name}`, spec.size)));
  }
  trainer.adam.step = Number(meta.adam_step);
  trainer.step = Number(meta.step);
  if (!file.tensors.has('carry.z_H')) {
    trainer.carry = undefined;
    return;
  }
  const carry = trainer.model.initialCarry();
  const B = trainer.model.batchSize;
  carry.zH.data.set(toFloat32(tensor('carry.z_H', carry.zH.size)));
  carry.zL.data.set(toFloat32(tensor('carry.z_L', carry.zL.size)));
  carry.steps.set(toInt32(tensor('carry.steps', B)));
  carry.halted.set(toInt32(tensor('carry.halted', B)));
  const data = carry.currentData;
  data.inputs.set(toInt32(tensor('carry.current_data.inputs', data.inputs.length)));
  data.labels.set(toInt32(tensor('carry.current_data.labels', data.labels.length)));
  data.puzzleIdentifiers.set(toInt32(tensor('carry.current_data.puzzle_identifiers', B)));
  trainer.carry = carry;
}

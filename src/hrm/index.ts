/**
 * The HRM's public API for the rest of hrm-lcb (train/, models/, evaluate/, cli/): config, weights and
 * checkpoints, the model and its loss head, one training step with exact-resume state, the optimizers and
 * upstream-format datasets. User guide: docs/hrm-model.md.
 */
export { batchFromTensorFile, type LoadedBatch } from './batch.ts';
export {
  type CheckpointFormat,
  formatForPath,
  type LoadedTensorFile,
  parseTensorFile,
  readTensorFile,
  writeTensorFile,
} from './checkpoint/files.ts';
export {
  detectKeyPrefix,
  type ExportOptions,
  KEY_PREFIXES,
  stateDictToWeights,
  weightsToStateDict,
} from './checkpoint/state-dict.ts';
export {
  fromBool,
  fromFloat32,
  fromInt32,
  type StoredTensor,
  type TensorFile,
  toFloat32,
  toInt32,
} from './checkpoint/stored-tensor.ts';
export { type CompareReport, compareTensorFiles } from './compare.ts';
export {
  type HrmConfig,
  HrmConfigSchema,
  type HrmDims,
  hrmConfigToJson,
  hrmDims,
  parseHrmConfig,
  parseHrmConfigJson,
} from './config.ts';
export {
  loadPuzzleSplit,
  type PuzzleBatch,
  type PuzzleDatasetMetadata,
  type PuzzleSplit,
  testBatches,
  trainBatches,
} from './dataset/puzzle-dataset.ts';
export { forwardRollout, type RolloutResult } from './forward-run.ts';
export { initWeights } from './init.ts';
export { type CheckpointSummary, summariseCheckpoint } from './inspect.ts';
export { ActLossHead, type HrmMetrics, type LossResult, type LossType } from './loss-head.ts';
export { type ActOutputs, type HrmBatch, type HrmCarry, HrmModel } from './model.ts';
export { AdamAtan2 } from './optim/adam-atan2.ts';
export { type LrSchedule, learningRateAt } from './optim/lr-schedule.ts';
export { signSgdSparseUpdate } from './optim/sign-sgd.ts';
export { type ParamSpec, parameterCount, paramTable, STATE_DICT_PREFIX } from './params.ts';
export { exportTrainState, restoreTrainState } from './train-state.ts';
export { HrmTrainer, type HrmTrainHyper, type TrainStepResult } from './train-step.ts';
export { ParamBuffers } from './weights.ts';

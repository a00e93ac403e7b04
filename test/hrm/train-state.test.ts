import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.ts';
import { readSafetensors, writeSafetensors } from '../../src/hrm/checkpoint/safetensors.ts';
import { stateDictToWeights } from '../../src/hrm/checkpoint/state-dict.ts';
import { toInt32 } from '../../src/hrm/checkpoint/stored-tensor.ts';
import { parseHrmConfig, parseHrmConfigJson } from '../../src/hrm/config.ts';
import type { HrmBatch } from '../../src/hrm/model.ts';
import { exportTrainState, restoreTrainState } from '../../src/hrm/train-state.ts';
import { HrmTrainer, type HrmTrainHyper } from '../../src/hrm/train-step.ts';
import { readFixture, readFixtureJson } from './fixtures.ts';

const weightsFile = readFixture('tiny_a/weights.safetensors');
// exploration on, so resuming must also reproduce the random halting draws
const config = parseHrmConfig(
  { ...JSON.parse(weightsFile.metadata.config!), halt_exploration_prob: 0.5 },
  'c',
);
const hyper = readFixtureJson<{ train: HrmTrainHyper }>('tiny_a/train_metrics.json').train;
const batches = readFixture('tiny_a/train_batches.safetensors').tensors;
const batch = (k: number): HrmBatch => ({
  inputs: toInt32(batches.get(`step${k}.inputs`)!),
  labels: toInt32(batches.get(`step${k}.labels`)!),
  puzzleIdentifiers: toInt32(batches.get(`step${k}.puzzle_identifiers`)!),
});
const freshTrainer = (seed = 7) =>
  new HrmTrainer(config, stateDictToWeights(weightsFile, config, 'w'), hyper, seed);

describe('training state: save, restore, continue', () => {
  it('a run stopped after 2 steps and resumed from its saved file ends bit-identical to an uninterrupted run', () => {
    const straight = freshTrainer();
    const losses = [1, 2, 3, 4, 5].map((k) => straight.trainStep(batch(k)).loss);

    const first = freshTrainer();
    first.trainStep(batch(1));
    first.trainStep(batch(2));
    const saved = writeSafetensors(exportTrainState(first)); // what a checkpoint writer puts on disk

    const resumed = freshTrainer();
    restoreTrainState(resumed, readSafetensors(saved, 'state.safetensors'), 'state.safetensors');
    assert.equal(resumed.step, 2);
    const resumedLosses = [3, 4, 5].map((k) => resumed.trainStep(batch(k)).loss);
    assert.deepEqual(resumedLosses, losses.slice(2));
    assert.deepEqual(resumed.weights.data, straight.weights.data);
    assert.deepEqual(resumed.adam.m.data, straight.adam.m.data);
    assert.deepEqual(resumed.adam.v.data, straight.adam.v.data);
    assert.deepEqual(resumed.carry!.zH.data, straight.carry!.zH.data);
    assert.deepEqual(resumed.carry!.halted, straight.carry!.halted);
    assert.deepEqual(resumed.carry!.currentData, straight.carry!.currentData);
  });

  it('refuses a state from another config, seed or format, naming the field', () => {
    const trainer = freshTrainer();
    trainer.trainStep(batch(1));
    const state = exportTrainState(trainer);
    const otherConfig = parseHrmConfigJson(
      JSON.stringify({ ...JSON.parse(weightsFile.metadata.config!), L_cycles: 3 }),
      'c',
    );
    const other = new HrmTrainer(otherConfig, stateDictToWeights(weightsFile, otherConfig, 'w'), hyper, 7);
    const isInput = (pattern: RegExp) => (error: unknown) =>
      error instanceof InputError && pattern.test(error.message);
    assert.throws(
      () => restoreTrainState(other, state, 's.safetensors'),
      isInput(
        /s\.safetensors: field config: saved with config .*"L_cycles":2.* but this run has .*"L_cycles":3/,
      ),
    );
    assert.throws(
      () => restoreTrainState(freshTrainer(8), state, 's'),
      isInput(/field seed: saved with seed 7, but this run has 8/),
    );
    assert.throws(
      () =>
        restoreTrainState(
          freshTrainer(),
          { tensors: state.tensors, metadata: { ...state.metadata, version: '9' } },
          's',
        ),
      isInput(/not an hrm-lcb-train-state v1 file/),
    );
    state.tensors.delete('carry.steps');
    assert.throws(
      () => restoreTrainState(freshTrainer(), state, 's'),
      isInput(/field carry\.steps: missing from the training state/),
    );
  });
});

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { stateDictToWeights } from '../../src/hrm/checkpoint/state-dict.ts';
import { toFloat32, toInt32, toNumbers } from '../../src/hrm/checkpoint/stored-tensor.ts';
import { parseHrmConfigJson } from '../../src/hrm/config.ts';
import { HrmTrainer, type HrmTrainHyper } from '../../src/hrm/train-step.ts';
import type { BackendName } from '../../src/tensor/index.ts';
import { assertClose, goldenBackends, readFixture, readFixtureJson } from './fixtures.ts';

const PREFIX = 'model.inner.';

interface TrainFixture {
  train: HrmTrainHyper;
  steps: {
    step: number;
    lr: number;
    puzzle_emb_lr: number;
    loss: number;
    metrics: Record<string, number>;
    all_halted: boolean;
  }[];
}

/**
 * Parameters after 5 steps: the manifest's atol 1e-6 for the native backend (float32 like upstream). The TS
 * reference backend accumulates in float64 and rounds to float32 storage between ops, a precision mix neither
 * float32 nor float64; 5 AdamATan2 steps amplify that noise in near-zero gradients to 1.3e-6 (the manifest's
 * own float32-vs-float64 run reached 9e-7), so it gets 2e-6.
 */
const PARAMS_AFTER_5_ATOL: Record<BackendName, number> = { native: 1e-6, ts: 2e-6 };

function checkTraining(backend: BackendName): void {
  const file = readFixture('tiny_a/weights.safetensors');
  const config = parseHrmConfigJson(file.metadata.config!, 'tiny_a');
  const weights = stateDictToWeights(file, config, 'tiny_a');
  const fixture = readFixtureJson<TrainFixture>('tiny_a/train_metrics.json');
  const trainer = new HrmTrainer(config, weights, fixture.train, 0);
  const batches = readFixture('tiny_a/train_batches.safetensors').tensors;
  const steps = readFixture('tiny_a/train_steps.safetensors').tensors;
  for (const expected of fixture.steps) {
    const k = expected.step;
    const batch = {
      inputs: toInt32(batches.get(`step${k}.inputs`)!),
      labels: toInt32(batches.get(`step${k}.labels`)!),
      puzzleIdentifiers: toInt32(batches.get(`step${k}.puzzle_identifiers`)!),
    };
    const result = trainer.trainStep(batch);
    const want = (name: string) => steps.get(`step${k}.${name}`)!;
    const carry = trainer.carry!;
    assert.equal(result.lr, expected.lr, `step${k} lr`);
    assert.equal(result.puzzleEmbLr, expected.puzzle_emb_lr, `step${k} puzzle_emb_lr`);
    assert.deepEqual(Array.from(carry.steps), toNumbers(want('steps')), `step${k}.steps`);
    assert.deepEqual(Array.from(carry.halted), toNumbers(want('halted')), `step${k}.halted`);
    assert.deepEqual(
      Array.from(carry.currentData.inputs),
      toNumbers(want('current_data.inputs')),
      `step${k} inputs`,
    );
    assert.deepEqual(
      Array.from(carry.currentData.labels),
      toNumbers(want('current_data.labels')),
      `step${k} labels`,
    );
    assert.deepEqual(
      Array.from(carry.currentData.puzzleIdentifiers),
      toNumbers(want('current_data.puzzle_identifiers')),
      `step${k} puzzle ids`,
    );
    const out = result.outputs;
    assertClose(`step${k}.logits`, out.logits.data, toFloat32(want('logits')), { atol: 1e-4 });
    assertClose(`step${k}.q_halt_logits`, out.qHaltLogits, toFloat32(want('q_halt_logits')), { atol: 1e-4 });
    assertClose(`step${k}.q_continue_logits`, out.qContinueLogits, toFloat32(want('q_continue_logits')), {
      atol: 1e-4,
    });
    assertClose(`step${k}.target_q_continue`, out.targetQContinue!, toFloat32(want('target_q_continue')), {
      atol: 1e-4,
    });
    assertClose(`step${k}.z_H`, carry.zH.data, toFloat32(want('z_H')), { atol: 1e-4 });
    assert.ok(
      Math.abs(result.loss - expected.loss) <= 1e-6 * Math.abs(expected.loss),
      `step${k} loss ${result.loss} vs ${expected.loss}`,
    );
    for (const key of ['count', 'exact_accuracy', 'q_halt_accuracy', 'steps'] as const) {
      assert.equal(result.metrics[key], expected.metrics[key], `step${k} ${key}`);
    }
    for (const key of ['accuracy', 'lm_loss', 'q_halt_loss', 'q_continue_loss'] as const) {
      const got = result.metrics[key]!;
      const diff = Math.abs(got - expected.metrics[key]!);
      assert.ok(
        diff <= 1e-5 * Math.max(1, Math.abs(expected.metrics[key]!)),
        `step${k} ${key}: ${got} vs ${expected.metrics[key]}`,
      );
    }
    if (k === 1) {
      const grads = readFixture('tiny_a/train_step1_grads.safetensors').tensors;
      for (const spec of trainer.model.grads!.table) {
        const expectedGrad = toFloat32(grads.get(PREFIX + spec.name)!);
        assertClose(`grad ${spec.name}`, trainer.model.grads!.get(spec.name), expectedGrad, {
          atol: 1e-6,
          rtol: 1e-4,
        });
      }
      assertClose(
        'grad puzzle_emb.local_weights',
        trainer.model.embedding.dLocalWeights,
        toFloat32(grads.get(`${PREFIX}puzzle_emb.local_weights`)!),
        { atol: 1e-6, rtol: 1e-4 },
      );
      const after = readFixture('tiny_a/train_step1_params_after.safetensors').tensors;
      for (const spec of weights.table) {
        assertClose(`step1 ${spec.name}`, weights.get(spec.name), toFloat32(after.get(PREFIX + spec.name)!), {
          atol: 1e-6,
        });
      }
    }
  }
  const final = readFixture('tiny_a/train_params_after_5.safetensors').tensors;
  for (const spec of weights.table) {
    assertClose(`step5 ${spec.name}`, weights.get(spec.name), toFloat32(final.get(PREFIX + spec.name)!), {
      atol: PARAMS_AFTER_5_ATOL[backend],
    });
  }
}

for (const backend of goldenBackends()) {
  describe(`tiny_a training equals upstream (${backend.name} backend)`, () => {
    before(backend.use);
    it('5 steps with the carry kept: outputs, target Q, carry, loss, metrics, step-1 grads and params, params after 5', () =>
      checkTraining(backend.name));
  });
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stateDictToWeights } from '../../../src/hrm/checkpoint/state-dict.ts';
import { toFloat32, toInt32 } from '../../../src/hrm/checkpoint/stored-tensor.ts';
import { parseHrmConfigJson } from '../../../src/hrm/config.ts';
import { AdamAtan2 } from '../../../src/hrm/optim/adam-atan2.ts';
import { signSgdSparseUpdate } from '../../../src/hrm/optim/sign-sgd.ts';
import { ParamBuffers } from '../../../src/hrm/weights.ts';
import { assertClose, goldenBackends, readFixture, readFixtureJson } from '../fixtures.ts';

const PREFIX = 'model.inner.';

describe('optimizers against upstream (tiny_a training step 1)', () => {
  for (const backend of goldenBackends())
    it(`sign-SGD on the puzzle embedding then AdamATan2 on every parameter give train_step1_params_after [${backend.name}]`, () => {
      backend.use();
      const file = readFixture('tiny_a/weights.safetensors');
      const config = parseHrmConfigJson(file.metadata.config!, 'tiny_a');
      const weights = stateDictToWeights(file, config, 'tiny_a');
      const gradFile = readFixture('tiny_a/train_step1_grads.safetensors');
      const grads = new ParamBuffers(weights.table.filter((p) => p.kind === 'parameter'));
      for (const spec of grads.table)
        grads.get(spec.name).set(toFloat32(gradFile.tensors.get(PREFIX + spec.name)!));
      const train = readFixtureJson<{
        train: { beta1: number; beta2: number; weight_decay: number; puzzle_emb_weight_decay: number };
        steps: { lr: number; puzzle_emb_lr: number }[];
      }>('tiny_a/train_metrics.json');
      const { lr, puzzle_emb_lr } = train.steps[0]!;
      const ids = toInt32(
        readFixture('tiny_a/train_steps.safetensors').tensors.get('step1.current_data.puzzle_identifiers')!,
      );

      signSgdSparseUpdate(
        weights.get('puzzle_emb.weights'),
        toFloat32(gradFile.tensors.get(`${PREFIX}puzzle_emb.local_weights`)!),
        ids,
        config.puzzle_emb_ndim,
        puzzle_emb_lr,
        train.train.puzzle_emb_weight_decay,
      );
      const adam = new AdamAtan2(grads, {
        beta1: train.train.beta1,
        beta2: train.train.beta2,
        weightDecay: train.train.weight_decay,
      });
      adam.update(weights, grads, lr);

      const after = readFixture('tiny_a/train_step1_params_after.safetensors');
      for (const spec of weights.table) {
        assertClose(spec.name, weights.get(spec.name), toFloat32(after.tensors.get(PREFIX + spec.name)!), {
          atol: 1e-6,
        });
      }
      assert.equal(adam.step, 1);
    });

  it('AdamATan2 step 1 moves each element by about lr * atan(0.1 g / |g|) / 0.1, and not at all for g = 0', () => {
    const layout = new ParamBuffers([
      { name: 'w', shape: [3], size: 3, kind: 'parameter', storedDtype: 'F32', init: { kind: 'zeros' } },
    ]);
    const weights = layout.likeThis();
    weights.get('w').set([1, 1, 1]);
    const grads = layout.likeThis();
    grads.get('w').set([1e-3, -50, 0]);
    new AdamAtan2(layout, { beta1: 0.9, beta2: 0.95, weightDecay: 0 }).update(weights, grads, 0.01);
    // m = 0.1 g, sqrt(v)/sqrt(1-b2) = |g|, step size lr / 0.1: update = 0.1 * atan2(0.1 g, |g|) = +-0.1 * atan(0.1)
    const expected = [1 - 0.1 * Math.atan(0.1), 1 + 0.1 * Math.atan(0.1), 1];
    assertClose('w', weights.get('w'), expected, { atol: 1e-7 });
  });

  it('sign-SGD sums rows that share an id, decays only rows present, and leaves sign(0) alone', () => {
    const table = new Float32Array([1, 1, 2, 2, 3, 3]); // [3 ids, 2 dims]
    const grad = new Float32Array([1, -1, -3, 0, 0.5, 0]); // rows for ids 2, 0, 2
    signSgdSparseUpdate(table, grad, Int32Array.of(2, 0, 2), 2, 0.1, 0.5);
    // id 0: g = (-3, 0); id 2: g = (1.5, -1); id 1 untouched
    assertClose('table', table, [1 * 0.95 + 0.1, 1 * 0.95, 2, 2, 3 * 0.95 - 0.1, 3 * 0.95 + 0.1], {
      atol: 1e-7,
    });
    assert.throws(
      () => signSgdSparseUpdate(table, grad.subarray(0, 2), Int32Array.of(5), 2, 0.1, 0),
      /puzzle id 5 outside/,
    );
  });
});

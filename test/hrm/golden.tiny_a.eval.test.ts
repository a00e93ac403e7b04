import assert from 'node:assert/strict';
import { it } from 'node:test';
import { stateDictToWeights } from '../../src/hrm/checkpoint/state-dict.ts';
import { toFloat32, toInt32, toNumbers } from '../../src/hrm/checkpoint/stored-tensor.ts';
import { parseHrmConfigJson } from '../../src/hrm/config.ts';
import { ActLossHead } from '../../src/hrm/loss-head.ts';
import { HrmModel } from '../../src/hrm/model.ts';
import { assertClose, readFixture, readFixtureJson } from './fixtures.ts';

it('tiny_a eval rollout equals upstream at every ACT step: logits, q, z_H, z_L, steps, halted, loss, metrics', () => {
  const file = readFixture('tiny_a/weights.safetensors');
  const config = parseHrmConfigJson(file.metadata.config!, 'tiny_a');
  const weights = stateDictToWeights(file, config, 'tiny_a');
  const batchFile = readFixture('tiny_a/eval_batch.safetensors');
  const batch = {
    inputs: toInt32(batchFile.tensors.get('inputs')!),
    labels: toInt32(batchFile.tensors.get('labels')!),
    puzzleIdentifiers: toInt32(batchFile.tensors.get('puzzle_identifiers')!),
  };
  const model = new HrmModel(config, weights, 4);
  const head = new ActLossHead(model);
  const carry = model.initialCarry();
  const steps = readFixture('tiny_a/eval_steps.safetensors').tensors;
  const metrics = readFixtureJson<{
    steps: { loss: number; metrics: Record<string, number>; all_finish: boolean }[];
  }>('tiny_a/eval_metrics.json');
  for (let k = 1; k <= config.halt_max_steps; k += 1) {
    const out = model.forward(carry, batch, { training: false });
    const want = (name: string) => steps.get(`step${k}.${name}`)!;
    assertClose(`step${k}.logits`, out.logits.data, toFloat32(want('logits')), { atol: 1e-4 });
    assertClose(`step${k}.q_halt_logits`, out.qHaltLogits, toFloat32(want('q_halt_logits')), { atol: 1e-4 });
    assertClose(`step${k}.q_continue_logits`, out.qContinueLogits, toFloat32(want('q_continue_logits')), {
      atol: 1e-4,
    });
    assertClose(`step${k}.z_H`, carry.zH.data, toFloat32(want('z_H')), { atol: 1e-4 });
    assertClose(`step${k}.z_L`, carry.zL.data, toFloat32(want('z_L')), { atol: 1e-4 });
    assert.deepEqual(Array.from(carry.steps), toNumbers(want('steps')), `step${k}.steps`);
    assert.deepEqual(Array.from(carry.halted), toNumbers(want('halted')), `step${k}.halted`);
    const result = head.compute(carry, out);
    const expected = metrics.steps[k - 1]!;
    assert.ok(
      Math.abs(result.loss - expected.loss) <= 1e-5 * Math.abs(expected.loss),
      `step${k} loss ${result.loss} vs ${expected.loss}`,
    );
    assert.equal(result.allHalted, expected.all_finish, `step${k} all_finish`);
    for (const key of ['count', 'exact_accuracy', 'q_halt_accuracy', 'steps'] as const) {
      assert.equal(result.metrics[key], expected.metrics[key], `step${k} ${key}`);
    }
    for (const key of ['accuracy', 'lm_loss', 'q_halt_loss'] as const) {
      const diff = Math.abs(result.metrics[key] - expected.metrics[key]!);
      assert.ok(
        diff <= 1e-5 * Math.max(1, Math.abs(expected.metrics[key]!)),
        `step${k} ${key}: ${result.metrics[key]} vs ${expected.metrics[key]}`,
      );
    }
  }
});

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { stateDictToWeights } from '../../src/hrm/checkpoint/state-dict.ts';
import { toFloat32, toInt32, toNumbers } from '../../src/hrm/checkpoint/stored-tensor.ts';
import { parseHrmConfig } from '../../src/hrm/config.ts';
import { ActLossHead } from '../../src/hrm/loss-head.ts';
import { HrmModel } from '../../src/hrm/model.ts';
import { assertClose, goldenBackends, readFixture, readFixtureJson } from './fixtures.ts';

interface EvalMetrics {
  config: unknown;
  steps: { loss: number; metrics: Record<string, number>; all_finish: boolean }[];
}

/** Eval-mode rollout from the initial carry, compared with upstream at every ACT step. */
function checkEvalRollout(name: string, weightsFile: string): void {
  const metrics = readFixtureJson<EvalMetrics>(`${name}/eval_metrics.json`);
  const config = parseHrmConfig(metrics.config, `${name}/eval_metrics.json`);
  const file = readFixture(weightsFile);
  const weights = stateDictToWeights(file, config, name);
  const batchFile = readFixture(`${name}/eval_batch.safetensors`);
  const batch = {
    inputs: toInt32(batchFile.tensors.get('inputs')!),
    labels: toInt32(batchFile.tensors.get('labels')!),
    puzzleIdentifiers: toInt32(batchFile.tensors.get('puzzle_identifiers')!),
  };
  const B = batch.puzzleIdentifiers.length;
  const model = new HrmModel(config, weights, B);
  const head = new ActLossHead(model);
  const carry = model.initialCarry();
  const steps = readFixture(`${name}/eval_steps.safetensors`).tensors;
  assert.equal(metrics.steps.length, config.halt_max_steps);
  for (let k = 1; k <= config.halt_max_steps; k += 1) {
    const out = model.forward(carry, batch, { training: false });
    const want = (key: string) => steps.get(`step${k}.${key}`)!;
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
}

for (const backend of goldenBackends()) {
  describe(`eval rollouts equal upstream at every ACT step (${backend.name} backend)`, () => {
    before(backend.use);
    it('tiny_a (RoPE, 1 puzzle slot, 4 steps) from weights.safetensors', () => {
      checkEvalRollout('tiny_a', 'tiny_a/weights.safetensors');
    });
    it('tiny_a from the torch.save weights.pt', () => {
      checkEvalRollout('tiny_a', 'tiny_a/weights.pt');
    });
    it('tiny_b (learned positions, 2 zero-padded puzzle slots, L_cycles 3)', () => {
      checkEvalRollout('tiny_b', 'tiny_b/weights.safetensors');
    });
  });
}

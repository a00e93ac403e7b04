import assert from 'node:assert/strict';
import { it } from 'node:test';
import { stateDictToWeights } from '../../src/hrm/checkpoint/state-dict.ts';
import { toFloat32, toInt32, toNumbers } from '../../src/hrm/checkpoint/stored-tensor.ts';
import { parseHrmConfigJson } from '../../src/hrm/config.ts';
import { defaultRowsPerChunk, forwardRollout } from '../../src/hrm/forward-run.ts';
import { assertClose, readFixture } from './fixtures.ts';

it('a rollout in chunks of rows (1, 3) records the same steps, outputs and summed metrics as the whole batch', () => {
  const file = readFixture('tiny_a/weights.safetensors');
  const config = parseHrmConfigJson(file.metadata.config!, 'tiny_a');
  const weights = stateDictToWeights(file, config, 'tiny_a');
  const b = readFixture('tiny_a/eval_batch.safetensors').tensors;
  const batch = {
    inputs: toInt32(b.get('inputs')!),
    labels: toInt32(b.get('labels')!),
    puzzleIdentifiers: toInt32(b.get('puzzle_identifiers')!),
  };
  assert.ok(defaultRowsPerChunk(config) >= 4);
  const whole = forwardRollout(config, weights, batch, 4, { steps: 4, withCarry: true });
  const upstream = readFixture('tiny_a/eval_steps.safetensors').tensors;
  for (const rowsPerChunk of [1, 3]) {
    const chunked = forwardRollout(config, weights, batch, 4, { steps: 4, withCarry: true, rowsPerChunk });
    assert.deepEqual([...chunked.tensors.keys()], [...whole.tensors.keys()]);
    for (const [key, tensor] of chunked.tensors) {
      if (tensor.dtype === 'F32') {
        assertClose(`${rowsPerChunk}: ${key}`, toFloat32(tensor), toFloat32(upstream.get(key)!), {
          atol: 1e-4,
        });
      } else assert.deepEqual(toNumbers(tensor), toNumbers(whole.tensors.get(key)!), key);
    }
    chunked.losses.forEach((loss, i) => {
      const want = whole.losses[i]!;
      assert.ok(Math.abs(loss.loss - want.loss) < 1e-6 * want.loss, `step ${i + 1} loss`);
      assert.equal(loss.allHalted, want.allHalted);
      for (const key of ['count', 'exact_accuracy', 'q_halt_accuracy', 'steps'] as const) {
        assert.equal(loss.metrics[key], want.metrics[key], `step ${i + 1} ${key}`);
      }
    });
  }
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHrmConfig } from '../../src/hrm/config.ts';
import { initWeights } from '../../src/hrm/init.ts';
import { ParamBuffers } from '../../src/hrm/weights.ts';
import { Rng } from '../../src/tensor/index.ts';

function stats(values: Float32Array): { mean: number; std: number; min: number; max: number } {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  return { mean, std: Math.sqrt(sq / values.length), min, max };
}

describe('upstream initialisation', () => {
  it('initialises every row as upstream: LeCun std per layer, zero puzzle embedding and q weight, q bias -5', () => {
    const config = parseHrmConfig(
      {
        batch_size: 2,
        seq_len: 8,
        vocab_size: 10,
        num_puzzle_identifiers: 3,
        hidden_size: 64,
        num_heads: 4,
        H_layers: 1,
        L_layers: 1,
      },
      'c',
    );
    const weights = ParamBuffers.forConfig(config);
    initWeights(weights, new Rng(7));
    assert.ok(weights.get('puzzle_emb.weights').every((v) => v === 0));
    assert.ok(weights.get('q_head.weight').every((v) => v === 0));
    assert.deepEqual(Array.from(weights.get('q_head.bias')), [-5, -5]);
    const down = stats(weights.get('H_level.layers.0.mlp.down_proj.weight')); // [64, 256]: std 1/16
    assert.ok(Math.abs(down.std * 16 - 1) < 0.03, `down std ${down.std}`);
    const qkv = stats(weights.get('L_level.layers.0.self_attn.qkv_proj.weight')); // [192, 64]: std 1/8
    assert.ok(Math.abs(qkv.std * 8 - 1) < 0.03, `qkv std ${qkv.std}`);
    // forward_dtype bfloat16: H_init is rounded to bf16 (low 16 bits of the f32 pattern are zero)
    const bits = new Uint32Array(weights.get('H_init').slice().buffer);
    assert.ok(bits.every((b) => (b & 0xffff) === 0));
    const again = ParamBuffers.forConfig(config);
    initWeights(again, new Rng(7));
    assert.deepEqual(again.data, weights.data, 'same seed, same weights');
  });
});

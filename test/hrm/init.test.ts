import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHrmConfig } from '../../src/hrm/config.ts';
import { erf, erfinv, initWeights, truncNormal } from '../../src/hrm/init.ts';
import { createRng } from '../../src/hrm/random.ts';
import { ParamBuffers } from '../../src/hrm/weights.ts';

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
  it('erf and erfinv are accurate to 1e-12', () => {
    // reference values from Python's math.erf
    const table: [number, number][] = [
      [0.1, 0.1124629160182849],
      [1, 0.8427007929497149],
      [Math.SQRT2, 0.9544997361036416],
      [2.5, 0.999593047982555],
      [3.5, 0.9999992569016276],
      [-0.7, -0.6778011938374184],
    ];
    for (const [x, want] of table) assert.ok(Math.abs(erf(x) - want) < 1e-12, `erf(${x}) = ${erf(x)}`);
    for (const y of [-0.99, -0.5, 0, 0.3, 0.9544997361036416, 0.999]) {
      assert.ok(Math.abs(erf(erfinv(y)) - y) < 1e-12, `erfinv(${y})`);
    }
  });

  it('truncated normal has the requested std (not the pre-truncation one) and is clipped at 2 sigma prime', () => {
    const values = new Float32Array(200_000);
    truncNormal(values, 0.05, createRng(1));
    const s = stats(values);
    assert.ok(Math.abs(s.mean) < 0.05 * 0.01, `mean ${s.mean}`);
    assert.ok(Math.abs(s.std / 0.05 - 1) < 0.01, `std ${s.std}`);
    const sigmaPrime = 0.05 * 1.1368; // docs/hrm.md: sigma' ~ 1.1368 std for bounds +-2
    assert.ok(s.max <= 2 * sigmaPrime * 1.0001 && s.max > 2 * sigmaPrime * 0.99, `max ${s.max}`);
    assert.ok(s.min >= -2 * sigmaPrime * 1.0001 && s.min < -2 * sigmaPrime * 0.99, `min ${s.min}`);
    truncNormal(values, 0, createRng(1));
    assert.ok(values.every((v) => v === 0));
  });

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
    initWeights(weights, createRng(7));
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
    initWeights(again, createRng(7));
    assert.deepEqual(again.data, weights.data, 'same seed, same weights');
  });
});

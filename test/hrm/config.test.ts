import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.ts';
import {
  hrmConfigToJson,
  hrmDims,
  parseHrmConfig,
  parseHrmConfigJson,
  roundHalfEven,
  swigluInnerSize,
} from '../../src/hrm/config.ts';
import { readFixture, readFixtureJson } from './fixtures.ts';

describe('HRM arch config', () => {
  it('reads the config JSON of every fixture weights file', () => {
    for (const name of ['tiny_a', 'tiny_b']) {
      const file = readFixture(`${name}/weights.safetensors`);
      const config = parseHrmConfigJson(file.metadata.config!, `${name}/weights.safetensors`);
      const raw = JSON.parse(file.metadata.config!) as Record<string, unknown>;
      assert.deepEqual(hrmConfigToJson(config), raw, name);
    }
  });

  it('fills upstream defaults (hrm_v1.yaml) and takes the dataset-injected fields as required', () => {
    const config = parseHrmConfig(
      { batch_size: 8, seq_len: 81, vocab_size: 11, num_puzzle_identifiers: 1 },
      'c.json',
    );
    assert.equal(config.hidden_size, 512);
    assert.equal(config.num_heads, 8);
    assert.equal(config.H_layers, 4);
    assert.equal(config.L_layers, 4);
    assert.equal(config.H_cycles, 2);
    assert.equal(config.L_cycles, 2);
    assert.equal(config.puzzle_emb_ndim, 512); // ${.hidden_size} in hrm_v1.yaml
    assert.equal(config.pos_encodings, 'rope');
    assert.equal(config.halt_max_steps, 16);
    assert.equal(config.halt_exploration_prob, 0.1);
    assert.equal(config.rms_norm_eps, 1e-5);
    assert.equal(config.rope_theta, 10000);
    assert.equal(config.forward_dtype, 'bfloat16');
  });

  it('ignores the extra keys upstream configs carry (name, loss, causal)', () => {
    const config = parseHrmConfig(
      {
        batch_size: 1,
        seq_len: 4,
        vocab_size: 3,
        num_puzzle_identifiers: 1,
        name: 'hrm.x@Y',
        loss: {},
        causal: false,
      },
      'c.json',
    );
    assert.equal('name' in config, false);
  });

  it('rejects bad values naming the file and field', () => {
    const base = { batch_size: 1, seq_len: 4, vocab_size: 3, num_puzzle_identifiers: 1 };
    assert.throws(
      () => parseHrmConfig({ ...base, seq_len: undefined }, 'c.json'),
      (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.match(e.message, /^c\.json: field seq_len:/);
        return true;
      },
    );
    assert.throws(() => parseHrmConfig({ ...base, pos_encodings: 'alibi' }, 'c.json'), /field pos_encodings/);
    assert.throws(
      () => parseHrmConfig({ ...base, hidden_size: 100, num_heads: 8 }, 'c.json'),
      /field num_heads: hidden_size 100 is not divisible/,
    );
    assert.throws(
      () => parseHrmConfig({ ...base, hidden_size: 24, num_heads: 8 }, 'c.json'),
      /RoPE needs an even head dim/,
    );
    assert.throws(() => parseHrmConfigJson('{nope', 'c.json'), /c\.json: config is not valid JSON/);
  });

  it('derives P, T, head dim and the SwiGLU size as upstream does', () => {
    assert.equal(roundHalfEven(2.5), 2);
    assert.equal(roundHalfEven(3.5), 4);
    assert.equal(roundHalfEven(170.67), 171);
    assert.equal(swigluInnerSize(512, 4), 1536); // round(1365.33) = 1365 -> 1536
    assert.equal(swigluInnerSize(64, 4), 256); // 171 -> 256
    assert.equal(swigluInnerSize(768, 4), 2048); // 2048 exactly
    const tinyB = parseHrmConfigJson(readFixture('tiny_b/weights.safetensors').metadata.config!, 'b');
    assert.deepEqual(hrmDims(tinyB), { P: 2, T: 18, D: 64, h: 4, d: 16, I: 256, V: 12, S: 16 });
    const full = readFixtureJson<Record<string, { model_config: unknown }>>('full_size_keys.json');
    const sudoku = parseHrmConfig(full.sudoku_extreme_1k!.model_config, 'full');
    assert.deepEqual(hrmDims(sudoku), { P: 1, T: 82, D: 512, h: 8, d: 64, I: 1536, V: 11, S: 81 });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHrmConfig, parseHrmConfigJson } from '../../src/hrm/config.ts';
import {
  parameterCount,
  paramTable,
  STATE_DICT_PREFIX,
  stateDictElementCount,
} from '../../src/hrm/params.ts';
import { readFixture, readFixtureJson } from './fixtures.ts';

interface FullSize {
  model_config: Record<string, unknown>;
  num_params: number;
  num_state_dict_elements: number;
  keys: { key: string; shape: number[]; dtype: string; kind: string }[];
}

const TORCH_DTYPE = { F32: 'float32', BF16: 'bfloat16', F16: 'float16' } as const;

describe('parameter table', () => {
  const full = readFixtureJson<Record<string, FullSize>>('full_size_keys.json');
  for (const [name, entry] of Object.entries(full)) {
    it(`matches upstream's default-size state dict: ${name}`, () => {
      const config = parseHrmConfig({ ...entry.model_config, forward_dtype: 'bfloat16' }, name);
      const table = paramTable(config);
      assert.deepEqual(
        table.map((p) => ({
          key: STATE_DICT_PREFIX + p.name,
          shape: [...p.shape],
          dtype: TORCH_DTYPE[p.storedDtype],
          kind: p.kind,
        })),
        entry.keys,
      );
      assert.equal(parameterCount(table), entry.num_params);
      assert.equal(stateDictElementCount(table), entry.num_state_dict_elements);
    });
  }

  for (const name of ['tiny_a', 'tiny_b']) {
    it(`lists exactly the keys and shapes of ${name}/weights.safetensors, in order`, () => {
      const file = readFixture(`${name}/weights.safetensors`);
      const table = paramTable(parseHrmConfigJson(file.metadata.config!, name));
      assert.deepEqual(
        table.map((p) => [STATE_DICT_PREFIX + p.name, [...p.shape]]),
        [...file.tensors].map(([key, t]) => [key, t.shape]),
      );
    });
  }

  it('counts tiny_a at the 263,810 parameters docs/hrm.md states', () => {
    const file = readFixture('tiny_a/weights.safetensors');
    assert.equal(parameterCount(paramTable(parseHrmConfigJson(file.metadata.config!, 'a'))), 263810);
  });

  it('omits the puzzle embedding when puzzle_emb_ndim is 0 and gives the upstream init per row', () => {
    const config = parseHrmConfig(
      {
        batch_size: 1,
        seq_len: 8,
        vocab_size: 5,
        num_puzzle_identifiers: 1,
        puzzle_emb_ndim: 0,
        hidden_size: 64,
        num_heads: 4,
      },
      'c',
    );
    const table = paramTable(config);
    assert.equal(
      table.some((p) => p.name.startsWith('puzzle_emb')),
      false,
    );
    const byName = new Map(table.map((p) => [p.name, p]));
    assert.deepEqual(byName.get('q_head.weight')!.init, { kind: 'zeros' });
    assert.deepEqual(byName.get('q_head.bias')!.init, { kind: 'constant', value: -5 });
    assert.deepEqual(byName.get('H_init')!.init, { kind: 'trunc_normal', std: 1 });
    assert.deepEqual(byName.get('embed_tokens.embedding_weight')!.init, { kind: 'trunc_normal', std: 1 / 8 });
    assert.deepEqual(byName.get('L_level.layers.0.mlp.down_proj.weight')!.init, {
      kind: 'trunc_normal',
      std: 1 / 16,
    });
  });
});

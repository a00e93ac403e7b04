import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../../src/core/errors.ts';
import {
  detectKeyPrefix,
  stateDictToWeights,
  weightsToStateDict,
} from '../../../src/hrm/checkpoint/state-dict.ts';
import {
  fromFloat32,
  fromInt32,
  type TensorFile,
  toFloat32,
} from '../../../src/hrm/checkpoint/stored-tensor.ts';
import { parseHrmConfig, parseHrmConfigJson } from '../../../src/hrm/config.ts';
import { assertClose, assertSameTensors, readFixture } from '../fixtures.ts';

// tiny_c as manifest.json describes it (its checkpoint carries no config, like upstream's step_<N>)
const TINY_C = {
  batch_size: 4,
  seq_len: 16,
  vocab_size: 12,
  num_puzzle_identifiers: 3,
  puzzle_emb_ndim: 32,
  hidden_size: 32,
  num_heads: 2,
  H_layers: 1,
  L_layers: 1,
  forward_dtype: 'bfloat16',
};

function withKeys(file: TensorFile, rename: (key: string) => string | undefined): TensorFile {
  const tensors = new Map();
  for (const [key, t] of file.tensors) {
    const renamed = rename(key);
    if (renamed !== undefined) tensors.set(renamed, t);
  }
  return { tensors, metadata: file.metadata };
}

function expectInputError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof InputError, `expected InputError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('state dicts <-> parameter table', () => {
  it('tiny_c_ckpt/step_0 (_orig_mod., bf16 H/L_init) loads and re-exports byte for byte in upstream form', () => {
    const config = parseHrmConfig(TINY_C, 'tiny_c');
    const original = readFixture('tiny_c_ckpt/step_0');
    const weights = stateDictToWeights(original, config, 'step_0');
    assert.deepEqual(Array.from(weights.get('q_head.bias')), [-5, -5]); // pristine upstream init
    assert.ok(weights.get('puzzle_emb.weights').every((v) => v === 0));
    const exported = weightsToStateDict(weights, config, { prefix: '_orig_mod.model.inner.' });
    assertSameTensors(exported, original, 'export');
    assert.equal(JSON.parse(exported.metadata.config!).hidden_size, 32);
  });

  it('accepts every upstream key prefix and bare module paths', () => {
    const file = readFixture('tiny_a/weights.safetensors');
    const config = parseHrmConfigJson(file.metadata.config!, 'a');
    const reference = stateDictToWeights(file, config, 'a');
    for (const prefix of ['_orig_mod.model.inner.', 'inner.', '_orig_mod.inner.', '']) {
      const renamed = withKeys(file, (key) => prefix + key.slice('model.inner.'.length));
      assert.equal(detectKeyPrefix([...renamed.tensors.keys()]), prefix);
      assert.deepEqual(stateDictToWeights(renamed, config, 'x').data, reference.data, `prefix "${prefix}"`);
    }
  });

  it('exports f32 by default and bf16 on request, with H/L_init in forward_dtype', () => {
    const file = readFixture('tiny_a/weights.safetensors');
    const config = parseHrmConfigJson(file.metadata.config!, 'a');
    const weights = stateDictToWeights(file, config, 'a');
    const f32 = weightsToStateDict(weights, config);
    assertSameTensors(f32, { tensors: file.tensors, metadata: {} }, 'f32 export');
    const bf16 = weightsToStateDict(weights, config, { bf16: true });
    assert.equal(bf16.tensors.get('model.inner.lm_head.weight')!.dtype, 'BF16');
    assert.equal(bf16.tensors.get('model.inner.H_init')!.dtype, 'F32'); // forward_dtype float32
    const back = stateDictToWeights(bf16, config, 'bf16');
    assertClose('bf16 round trip', back.data, weights.data, { atol: 0, rtol: 2 ** -8 });
  });

  it('lists missing and unexpected keys, and names the key of a bad shape or dtype', () => {
    const file = readFixture('tiny_a/weights.safetensors');
    const config = parseHrmConfigJson(file.metadata.config!, 'a');
    const dropped = withKeys(file, (key) => (key.endsWith('lm_head.weight') ? undefined : key));
    dropped.tensors.set('model.inner.extra', fromFloat32(Float32Array.of(1), [1]));
    expectInputError(
      () => stateDictToWeights(dropped, config, 'w.pt'),
      /w\.pt: state dict does not match the config: missing model\.inner\.lm_head\.weight; unexpected model\.inner\.extra/,
    );
    const reshaped = withKeys(file, (key) => key);
    reshaped.tensors.set('model.inner.q_head.bias', fromFloat32(Float32Array.of(1, 2, 3), [3]));
    expectInputError(
      () => stateDictToWeights(reshaped, config, 'w.pt'),
      /field model\.inner\.q_head\.bias: shape \[3\] but the config needs \[2\]/,
    );
    const ints = withKeys(file, (key) => key);
    ints.tensors.set('model.inner.q_head.bias', fromInt32(Int32Array.of(1, 2), [2]));
    expectInputError(
      () => stateDictToWeights(ints, config, 'w.pt'),
      /field model\.inner\.q_head\.bias: dtype I32 is not a float type/,
    );
    const learned = parseHrmConfig({ ...JSON.parse(file.metadata.config!), pos_encodings: 'learned' }, 'c');
    expectInputError(
      () => stateDictToWeights(file, learned, 'w.pt'),
      /missing model\.inner\.embed_pos\.embedding_weight/,
    );
    assert.equal(toFloat32(file.tensors.get('model.inner.q_head.bias')!).length, 2);
  });
});

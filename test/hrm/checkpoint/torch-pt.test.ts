import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { InputError } from '../../../src/core/errors.ts';
import { fromFloat32, fromInt32, type TensorFile } from '../../../src/hrm/checkpoint/stored-tensor.ts';
import { readTorchPt, writeTorchPt } from '../../../src/hrm/checkpoint/torch-pt.ts';
import { assertSameTensors, fixture, readFixture } from '../fixtures.ts';

/** Offsets of every local file header's payload in a zip (walks the local headers in file order). */
function payloadOffsets(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = new Map<string, number>();
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength));
    const payload = at + 30 + nameLength + extraLength;
    out.set(name, payload);
    at = payload + size;
  }
  return out;
}

/** The fixture's cases.pt with its data.pkl replaced. */
function withPickle(pickle: Uint8Array<ArrayBuffer>): Uint8Array {
  const entries = unzipSync(readFileSync(fixture('torch_format/cases.pt')));
  entries['cases/data.pkl'] = pickle;
  return zipSync(entries, { level: 0 });
}

function expectInputError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof InputError, `expected InputError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('torch .pt state dicts', () => {
  it('torch_format/cases.pt: every dtype, 0-d, empty and shared-storage views equal their safetensors twin', () => {
    const pt = readFixture('torch_format/cases.pt');
    assertSameTensors(pt, readFixture('torch_format/cases.safetensors'), 'cases');
    assert.deepEqual(pt.tensors.get('scalar_f32')!.shape, []);
    assert.deepEqual(pt.tensors.get('empty_f32')!.shape, [0, 3]);
  });

  it('tiny_a/weights.pt equals tiny_a/weights.safetensors', () => {
    const pt = readFixture('tiny_a/weights.pt');
    const st = readFixture('tiny_a/weights.safetensors');
    assertSameTensors(pt, { tensors: st.tensors, metadata: {} }, 'tiny_a');
  });

  it('tiny_c_ckpt/step_0 (no extension, _orig_mod. keys, bf16 H_init/L_init) equals its safetensors twin', () => {
    const pt = readFixture('tiny_c_ckpt/step_0');
    assertSameTensors(pt, readFixture('tiny_c_ckpt/step_0.safetensors'), 'tiny_c');
    assert.equal(pt.tensors.get('_orig_mod.model.inner.H_init')!.dtype, 'BF16');
  });

  it('writes what torch writes: one folder, data.pkl, sorted data/<key>, version, payloads 64-byte aligned', () => {
    const source = readFixture('torch_format/cases.safetensors');
    const bytes = writeTorchPt(source, 'cases');
    const names = Object.keys(unzipSync(bytes));
    const keys = [...Array(source.tensors.size).keys()].map(String).sort();
    assert.deepEqual(names, ['cases/data.pkl', ...keys.map((k) => `cases/data/${k}`), 'cases/version']);
    for (const [name, offset] of payloadOffsets(bytes)) assert.equal(offset % 64, 0, `${name} at ${offset}`);
    assert.equal(new TextDecoder().decode(unzipSync(bytes)['cases/version']), '3\n');
    assertSameTensors(readTorchPt(bytes, 'ours.pt'), source, 'round trip');
  });

  it('re-reads its own writes of the fixture weights identically, keeping metadata in an extra entry', () => {
    const weights = readFixture('tiny_a/weights.safetensors');
    const back = readTorchPt(writeTorchPt(weights, 'weights'), 'ours.pt');
    assertSameTensors(back, weights);
    assert.deepEqual(back.metadata, weights.metadata);
  });

  it('writes sizes past the one-byte and two-byte pickle ints', () => {
    const big = new Float32Array(70000).map((_, i) => i);
    const file: TensorFile = {
      tensors: new Map([
        ['big', fromFloat32(big, [70000])],
        ['mid', fromFloat32(new Float32Array(300), [300])],
        ['ids', fromInt32(Int32Array.of(1, 2, 3, 4, 5), [1, 1, 1, 5])],
      ]),
      metadata: {},
    };
    assertSameTensors(readTorchPt(writeTorchPt(file), 'x.pt'), file);
  });

  it('rejects globals other than OrderedDict, _rebuild_tensor_v2 and storages, naming the byte offset', () => {
    const evil = strToU8('\x80\x02cposix\nsystem\nX\x02\x00\x00\x00ls\x85R.', true);
    expectInputError(
      () => readTorchPt(withPickle(evil), 'evil.pt'),
      /evil\.pt: \.pt: cases\/data\.pkl: pickle byte 2 \(GLOBAL\): global posix\.system is not allowed/,
    );
    const builtins = strToU8('\x80\x02c__builtin__\neval\n.', true);
    expectInputError(
      () => readTorchPt(withPickle(builtins), 'evil.pt'),
      /global __builtin__\.eval is not allowed/,
    );
  });

  it('rejects opcodes outside the state-dict subset and truncated pickles, naming the byte offset', () => {
    expectInputError(
      () => readTorchPt(withPickle(strToU8('\x80\x02}I12\n.', true)), 'x.pt'),
      /pickle byte 3 \(0x49\): opcode 0x49 is not part of a torch state dict/,
    );
    expectInputError(
      () => readTorchPt(withPickle(strToU8('\x80\x02}X\xff\x00\x00\x00ab', true)), 'x.pt'),
      /pickle byte 3 \(BINUNICODE\): truncated: needs 255 more bytes \(at byte 8\)/,
    );
    expectInputError(
      () => readTorchPt(withPickle(strToU8('\x80\x02]K\x01.', true)), 'x.pt'),
      /STOP with 2 items/,
    );
    expectInputError(
      () => readTorchPt(withPickle(strToU8('\x80\x02]h\x07.', true)), 'x.pt'),
      /memo key 7 was never stored/,
    );
  });

  it('rejects a pickle that is not a state dict of tensors, and a missing storage', () => {
    expectInputError(
      () => readTorchPt(withPickle(strToU8('\x80\x02]q\x00.', true)), 'x.pt'),
      /not a state dict/,
    );
    const nested = strToU8('\x80\x02}q\x00(X\x05\x00\x00\x00modelq\x01}q\x02u.', true);
    expectInputError(
      () => readTorchPt(withPickle(nested), 'x.pt'),
      /field model: \.pt: value is not a tensor/,
    );
    const entries = unzipSync(readFileSync(fixture('torch_format/cases.pt')));
    delete entries['cases/data/0'];
    expectInputError(
      () => readTorchPt(zipSync(entries, { level: 0 }), 'x.pt'),
      /field f32: \.pt: storage entry cases\/data\/0 is missing/,
    );
  });

  it('explains files that are not zip checkpoints', () => {
    expectInputError(
      () => readTorchPt(strToU8('PK\x03\x04garbage', true), 'old.pt'),
      /old\.pt: \.pt: not a readable zip archive/,
    );
  });
});

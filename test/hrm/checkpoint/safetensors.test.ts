import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { InputError } from '../../../src/core/errors.ts';
import { readSafetensors, writeSafetensors } from '../../../src/hrm/checkpoint/safetensors.ts';
import { fromFloat32, toFloat32, toNumbers } from '../../../src/hrm/checkpoint/stored-tensor.ts';
import { assertSameTensors, fixture } from '../fixtures.ts';

const SAFETENSORS_FIXTURES = [
  'tiny_a/weights.safetensors',
  'tiny_a/eval_steps.safetensors',
  'tiny_a/train_steps.safetensors',
  'tiny_b/weights.safetensors',
  'tiny_c_ckpt/step_0.safetensors',
  'torch_format/cases.safetensors',
  'dataset/loader_batches.safetensors',
];

/** Header of a safetensors file as Python's reference reader would see it. */
function rawHeader(
  bytes: Uint8Array,
): Record<string, { dtype: string; shape: number[]; data_offsets: number[] }> {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
}

function withHeader(header: unknown, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function expectInputError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof InputError, `expected InputError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('safetensors', () => {
  for (const name of SAFETENSORS_FIXTURES) {
    it(`reads ${name} with every tensor where its header says and re-writes it identically`, () => {
      const bytes = readFileSync(fixture(name));
      const file = readSafetensors(bytes, name);
      const header = rawHeader(bytes);
      const start = 8 + Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
      assert.deepEqual(
        [...file.tensors.keys()].sort(),
        Object.keys(header)
          .filter((k) => k !== '__metadata__')
          .sort(),
      );
      for (const [key, tensor] of file.tensors) {
        const entry = header[key]!;
        assert.equal(tensor.dtype, entry.dtype, key);
        assert.deepEqual(tensor.shape, entry.shape, key);
        const [begin, end] = entry.data_offsets as [number, number];
        assert.ok(Buffer.from(tensor.data).equals(bytes.subarray(start + begin, start + end)), key);
      }
      const again = readSafetensors(writeSafetensors(file), 'rewritten');
      assert.deepEqual(again.metadata, file.metadata);
      assertSameTensors(again, file);
    });
  }

  it('keeps the arch config of the weights metadata', () => {
    const file = readSafetensors(readFileSync(fixture('tiny_a/weights.safetensors')), 'w');
    assert.equal(file.metadata.format, 'pt');
    assert.equal(JSON.parse(file.metadata.config!).hidden_size, 64);
  });

  it('writes an 8-byte aligned header padded with spaces, data in map order', () => {
    const tensors = new Map([
      ['b', fromFloat32(Float32Array.of(1.5, -2), [2])],
      ['a', fromFloat32(Float32Array.of(3), [], 'BF16')],
    ]);
    const bytes = writeSafetensors({ tensors, metadata: { note: 'x' } });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    assert.equal((8 + n) % 8, 0);
    assert.match(new TextDecoder().decode(bytes.subarray(8, 8 + n)), /^\{.*\} *$/);
    const header = rawHeader(bytes);
    assert.deepEqual(header.b!.data_offsets, [0, 8]);
    assert.deepEqual(header.a!.data_offsets, [8, 10]);
    const back = readSafetensors(bytes, 'mem');
    assert.deepEqual(Array.from(toFloat32(back.tensors.get('b')!)), [1.5, -2]);
    assert.deepEqual(toNumbers(back.tensors.get('a')!), [3]);
  });

  it('names file, tensor and problem on malformed input', () => {
    const data = new Uint8Array(8);
    expectInputError(
      () => readSafetensors(new Uint8Array(4), 'f.safetensors'),
      /f\.safetensors: safetensors: file is 4 bytes/,
    );
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 1000n, true);
    expectInputError(() => readSafetensors(huge, 'f'), /header length 1000 at byte 0 exceeds the file/);
    expectInputError(
      () => readSafetensors(withHeader({ w: { dtype: 'Q8', shape: [2], data_offsets: [0, 8] } }, data), 'f'),
      /field w\.dtype: safetensors: unsupported dtype "Q8"/,
    );
    expectInputError(
      () => readSafetensors(withHeader({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, data), 'f'),
      /field w: safetensors: data_offsets span 8 bytes but F32 \[3\] needs 12/,
    );
    expectInputError(
      () =>
        readSafetensors(withHeader({ w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, data), 'f'),
      /field w\.data_offsets: safetensors: data_offsets \[0, 16\] fall outside the 8 data bytes/,
    );
    expectInputError(
      () =>
        readSafetensors(
          withHeader(
            {
              a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
              b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] },
            },
            data,
          ),
          'f',
        ),
      /tensors a and b overlap/,
    );
    expectInputError(
      () =>
        readSafetensors(withHeader({ w: { dtype: 'F32', shape: [-1], data_offsets: [0, 8] } }, data), 'f'),
      /field w\.shape\[0\]/,
    );
  });
});

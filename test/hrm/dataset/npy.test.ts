import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { InputError } from '../../../src/core/errors.ts';
import { readNpy } from '../../../src/hrm/dataset/npy.ts';
import { fixture } from '../fixtures.ts';

/** An .npy v1.0 file as numpy writes it: header padded with spaces to a multiple of 64 bytes, then data. */
function npy(descr: string, shape: string, data: Uint8Array, fortran = false): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shape}, }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(data, 10 + header.length);
  return out;
}

describe('npy reader', () => {
  it('reads the fixture dataset arrays (uint8 examples, int32 indices)', () => {
    const inputs = readNpy(readFileSync(fixture('dataset/tiny/train/all__inputs.npy')), 'inputs');
    assert.equal(inputs.descr, '|u1');
    assert.deepEqual(inputs.shape, [10, 16]);
    const indices = readNpy(readFileSync(fixture('dataset/tiny/train/all__puzzle_indices.npy')), 'pi');
    assert.equal(indices.descr, '<i4');
    assert.deepEqual(Array.from(indices.data as Int32Array).slice(0, 1), [0]);
  });

  it('reads int64, float32 and 1-d shapes written as (n,)', () => {
    const i64 = readNpy(npy('<i8', '(3,)', new Uint8Array(BigInt64Array.of(1n, -2n, 3n).buffer)), 'a');
    assert.deepEqual(Array.from(i64.data as BigInt64Array), [1n, -2n, 3n]);
    const f32 = readNpy(npy('<f4', '(2, 1)', new Uint8Array(Float32Array.of(1.5, -2).buffer)), 'b');
    assert.deepEqual(f32.shape, [2, 1]);
    assert.deepEqual(Array.from(f32.data as Float32Array), [1.5, -2]);
  });

  it('names the file and the problem on bad input', () => {
    const expect = (bytes: Uint8Array, pattern: RegExp) =>
      assert.throws(
        () => readNpy(bytes, 'x.npy'),
        (e: unknown) => e instanceof InputError && pattern.test(e.message),
      );
    expect(new Uint8Array(20), /x\.npy: npy: missing the \\x93NUMPY magic/);
    expect(npy('<c8', '(1,)', new Uint8Array(8)), /unsupported dtype '<c8'/);
    expect(npy('<i4', '(4,)', new Uint8Array(8)), /shape \(4\) needs 16 data bytes/);
    expect(npy('<i4', '(1,)', new Uint8Array(4), true), /Fortran-order arrays are not supported/);
  });
});

// The Tensor type: strides, views that share memory (narrow, select, transpose, reshape), bounds checks.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { contiguousStrides, fromArray, Tensor, zeros } from '../../src/tensor/index.ts';

it('a fresh tensor is contiguous with row-major strides', () => {
  const t = zeros([2, 3, 4]);
  assert.deepEqual(t.strides, [12, 4, 1]);
  assert.equal(t.size, 24);
  assert.equal(t.rank, 3);
  assert.ok(t.isContiguous);
  assert.deepEqual(contiguousStrides([5]), [1]);
});

it('views share memory: narrow, select and transpose read and write the parent', () => {
  const t = fromArray(
    Float32Array.from({ length: 24 }, (_, i) => i),
    [2, 3, 4],
  );
  const b1 = t.select(0, 1);
  assert.deepEqual(b1.shape, [3, 4]);
  assert.equal(b1.get(2, 3), 23);
  const cols = t.narrow(2, 1, 3);
  assert.deepEqual(cols.shape, [2, 3, 2]);
  assert.equal(cols.isContiguous, false);
  assert.deepEqual(Array.from(cols.toArray().subarray(0, 4)), [1, 2, 5, 6]);
  cols.set(-1, 1, 2, 1);
  assert.equal(t.get(1, 2, 2), -1);
  const tr = t.select(0, 0).transpose(0, 1);
  assert.deepEqual(tr.shape, [4, 3]);
  assert.deepEqual(Array.from(tr.toArray()), [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
});

it('reshape keeps the data and infers one -1 extent; non-contiguous views refuse', () => {
  const t = fromArray(
    Float32Array.from({ length: 12 }, (_, i) => i),
    [3, 4],
  );
  const r = t.reshape([2, -1]);
  assert.deepEqual(r.shape, [2, 6]);
  assert.equal(r.get(1, 0), 6);
  assert.throws(() => t.reshape([5, -1]), RangeError);
  assert.throws(() => t.transpose(0, 1).reshape([12]), /non-contiguous/);
});

it('bad shapes, indices and buffers too small for a view are RangeErrors', () => {
  assert.throws(() => zeros([2, -1]), RangeError);
  assert.throws(() => new Tensor(new Float32Array(5), [2, 3]), /needs 6 elements, buffer has 5/);
  const t = zeros([2, 3]);
  assert.throws(() => t.get(2, 0), /out of range/);
  assert.throws(() => t.narrow(1, 2, 4), RangeError);
  assert.throws(() => t.select(2, 0), RangeError);
});

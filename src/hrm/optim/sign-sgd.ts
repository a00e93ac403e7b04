/**
 * The puzzle-embedding optimizer (`CastedSparseEmbeddingSignSGD_Distributed`; docs/hrm.md §7.4): sign-SGD with
 * decoupled weight decay on the rows present in the batch only. Gradients of rows sharing an id are summed
 * first; rows not in the batch are untouched (no decay either).
 */

/** Apply one sign-SGD step to the puzzle-embedding table `weights` [N, ndim]. */
export function signSgdSparseUpdate(
  weights: Float32Array, // [N, ndim]
  localGrad: Float32Array, // [B, ndim] gradient of the batch-local rows
  localIds: Int32Array, // [B] which table row each batch row came from
  ndim: number,
  lr: number,
  weightDecay: number,
): void {
  const rows = weights.length / ndim;
  const summed = new Map<number, Float64Array>();
  for (let b = 0; b < localIds.length; b += 1) {
    const id = localIds[b]!;
    if (id < 0 || id >= rows) throw new RangeError(`puzzle id ${id} outside the ${rows}-row embedding table`);
    let sum = summed.get(id);
    if (sum === undefined) {
      sum = new Float64Array(ndim);
      summed.set(id, sum);
    }
    for (let j = 0; j < ndim; j += 1) sum[j]! += localGrad[b * ndim + j]!;
  }
  const decay = 1 - lr * weightDecay;
  for (const [id, grad] of summed) {
    const row = weights.subarray(id * ndim, (id + 1) * ndim);
    for (let j = 0; j < ndim; j += 1) row[j] = row[j]! * decay - lr * Math.sign(grad[j]!);
  }
}

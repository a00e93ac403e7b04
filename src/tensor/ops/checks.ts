/**
 * Shape checks shared by the tensor-level ops: each failure is a RangeError naming the op, the argument,
 * the shape it has and the shape it needs, thrown before any kernel touches memory.
 */
import type { Tensor } from '../tensor.ts';

/** A tensor seen as a matrix of rows: `rows` rows of `cols` elements, `ld` elements apart. */
export interface RowView {
  rows: number;
  cols: number;
  ld: number;
}

/** throws unless `t` has exactly `shape` */
export function expectShape(op: string, name: string, t: Tensor, shape: readonly number[]): void {
  if (t.shape.length !== shape.length || t.shape.some((n, k) => n !== shape[k])) {
    throw new RangeError(`${op}: ${name} has shape [${t.shape}], expected [${shape}]`);
  }
}

/** throws unless `t` is densely packed (the fused kernels walk rows without strides) */
export function expectContiguous(op: string, name: string, t: Tensor): void {
  if (!t.isContiguous) {
    throw new RangeError(`${op}: ${name} must be contiguous (shape [${t.shape}], strides [${t.strides}])`);
  }
}

/** throws unless `t` is contiguous with the given shape */
export function expectDense(op: string, name: string, t: Tensor, shape: readonly number[]): void {
  expectShape(op, name, t, shape);
  expectContiguous(op, name, t);
}

/** the last dimension of `t` (throws on a 0-d tensor) */
export function lastDim(op: string, name: string, t: Tensor): number {
  if (t.rank === 0) throw new RangeError(`${op}: ${name} must have at least one dimension`);
  return t.shape[t.rank - 1]!;
}

/**
 * `t` [..., C] as rows of C: leading dimensions must merge into one (each stride = next stride × next
 * extent) and the last dimension must have stride 1, so views like z_H[:, P:] of one batch row qualify.
 */
export function asRows(op: string, name: string, t: Tensor): RowView {
  const cols = lastDim(op, name, t);
  const r = t.rank;
  if (cols > 1 && t.strides[r - 1] !== 1) {
    throw new RangeError(`${op}: ${name} needs unit stride in its last dimension (strides [${t.strides}])`);
  }
  if (r === 1) return { rows: 1, cols, ld: cols };
  for (let k = 0; k < r - 2; k++) {
    if (t.shape[k + 1] !== 1 && t.shape[k] !== 1 && t.strides[k] !== t.strides[k + 1]! * t.shape[k + 1]!) {
      throw new RangeError(
        `${op}: ${name} [${t.shape}] with strides [${t.strides}] cannot be read as rows (leading dims do not merge)`,
      );
    }
  }
  const rows = t.shape.slice(0, r - 1).reduce((a, b) => a * b, 1);
  return { rows, cols, ld: Math.max(t.strides[r - 2]!, 1) };
}

/** throws unless `ids` holds at least `n` entries */
export function expectLength(op: string, name: string, array: ArrayLike<number>, n: number): void {
  if (array.length < n) throw new RangeError(`${op}: ${name} has ${array.length} entries, needs ${n}`);
}

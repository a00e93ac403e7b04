/**
 * The tensor type: a float32 (or, for the f64 references in tests, float64) buffer with a shape and
 * row-major element strides. A view shares its parent's memory; `data` always starts at the view's first
 * element, so kernels receive `data` directly and strided views (q/k/v inside a qkv buffer, the token rows of
 * z_H) need no copies. Tensors are allocated once and reused every step: nothing here allocates per call
 * except the explicit constructors.
 */

/** Element storage of a tensor: float32 in the model, float64 in the finite-difference references. */
export type FloatArray = Float32Array | Float64Array;

/** A strided view over a float array. `data[0]` is element [0, 0, ...]; strides are in elements. */
export class Tensor<A extends FloatArray = Float32Array> {
  /** storage beginning at this tensor's first element (a subarray of the parent for views) */
  readonly data: A;
  /** extent of each dimension */
  readonly shape: readonly number[];
  /** element step of each dimension */
  readonly strides: readonly number[];
  /** number of elements: the product of `shape` */
  readonly size: number;
  /** true when the elements are densely packed in row-major order (computed once: views are immutable) */
  readonly isContiguous: boolean;

  constructor(data: A, shape: readonly number[], strides: readonly number[] = contiguousStrides(shape)) {
    checkShape(shape);
    if (strides.length !== shape.length) {
      throw new RangeError(`tensor: ${strides.length} strides for a ${shape.length}-d shape [${shape}]`);
    }
    const size = shape.reduce((a, b) => a * b, 1);
    const span = size === 0 ? 0 : 1 + shape.reduce((end, n, i) => end + (n - 1) * strides[i]!, 0);
    if (span > data.length) {
      throw new RangeError(
        `tensor: shape [${shape}] with strides [${strides}] needs ${span} elements, buffer has ${data.length}`,
      );
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze([...strides]);
    this.size = size;
    this.isContiguous = stridesEqual(this.strides, contiguousStrides(shape), shape);
  }

  /** number of dimensions */
  get rank(): number {
    return this.shape.length;
  }

  /** the same elements under another shape (requires a contiguous tensor; one extent may be -1) */
  reshape(shape: readonly number[]): Tensor<A> {
    if (!this.isContiguous) throw new RangeError(`tensor: reshape of a non-contiguous [${this.shape}] view`);
    const resolved = resolveShape(shape, this.size);
    return new Tensor(this.data.subarray(0, this.size) as A, resolved);
  }

  /** view of index `i` along dimension `dim`, which is dropped */
  select(dim: number, i: number): Tensor<A> {
    this.checkDim(dim);
    checkIndex(i, this.shape[dim]!, `select dim ${dim}`);
    const start = i * this.strides[dim]!;
    const shape = this.shape.filter((_, k) => k !== dim);
    const strides = this.strides.filter((_, k) => k !== dim);
    return new Tensor(this.data.subarray(start) as A, shape, strides);
  }

  /** view of indices [start, end) along dimension `dim` */
  narrow(dim: number, start: number, end: number): Tensor<A> {
    this.checkDim(dim);
    const n = this.shape[dim]!;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > n) {
      throw new RangeError(`tensor: narrow dim ${dim} to [${start}, ${end}) of extent ${n}`);
    }
    const shape = this.shape.map((extent, k) => (k === dim ? end - start : extent));
    const offset = end === start ? 0 : start * this.strides[dim]!;
    return new Tensor(this.data.subarray(offset) as A, shape, this.strides);
  }

  /** view with dimensions `a` and `b` swapped (no copy) */
  transpose(a: number, b: number): Tensor<A> {
    this.checkDim(a);
    this.checkDim(b);
    const shape = [...this.shape];
    const strides = [...this.strides];
    [shape[a], shape[b]] = [shape[b]!, shape[a]!];
    [strides[a], strides[b]] = [strides[b]!, strides[a]!];
    return new Tensor(this.data, shape, strides);
  }

  /** element at a full index (slow; for tests and small reads) */
  get(...index: number[]): number {
    return this.data[this.offsetOf(index)]!;
  }

  /** sets the element at a full index (slow; for tests and small writes) */
  set(value: number, ...index: number[]): void {
    this.data[this.offsetOf(index)] = value;
  }

  /** a dense copy of the elements in row-major order */
  toArray(): A {
    const out = new (this.data.constructor as new (n: number) => A)(this.size);
    let k = 0;
    forEachOffset(this.shape, this.strides, (offset) => {
      out[k++] = this.data[offset]!;
    });
    return out;
  }

  private offsetOf(index: readonly number[]): number {
    if (index.length !== this.rank)
      throw new RangeError(`tensor: ${index.length}-d index into [${this.shape}]`);
    let offset = 0;
    for (let k = 0; k < index.length; k++) {
      checkIndex(index[k]!, this.shape[k]!, `index dim ${k}`);
      offset += index[k]! * this.strides[k]!;
    }
    return offset;
  }

  private checkDim(dim: number): void {
    if (!Number.isInteger(dim) || dim < 0 || dim >= this.rank) {
      throw new RangeError(`tensor: dim ${dim} out of range for [${this.shape}]`);
    }
  }
}

/** a zero-filled float32 tensor */
export function zeros(shape: readonly number[]): Tensor {
  checkShape(shape);
  return new Tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape);
}

/** a zero-filled float64 tensor (finite-difference references) */
export function zeros64(shape: readonly number[]): Tensor<Float64Array> {
  checkShape(shape);
  return new Tensor(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape);
}

/** a contiguous tensor over existing storage (which must hold at least the product of `shape` elements) */
export function fromArray<A extends FloatArray>(data: A, shape: readonly number[]): Tensor<A> {
  return new Tensor(data, shape);
}

/** row-major strides of a dense tensor */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    strides[k] = step;
    step *= shape[k]!;
  }
  return strides;
}

/** calls `fn` with the storage offset of every element, in row-major order */
export function forEachOffset(
  shape: readonly number[],
  strides: readonly number[],
  fn: (offset: number) => void,
): void {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const index = new Array<number>(shape.length).fill(0);
  let offset = 0;
  for (let n = 0; n < size; n++) {
    fn(offset);
    for (let k = shape.length - 1; k >= 0; k--) {
      index[k]!++;
      offset += strides[k]!;
      if (index[k]! < shape[k]!) break;
      offset -= index[k]! * strides[k]!;
      index[k] = 0;
    }
  }
}

function resolveShape(shape: readonly number[], size: number): number[] {
  const free = shape.filter((n) => n === -1).length;
  if (free > 1) throw new RangeError(`tensor: reshape to [${shape}] has more than one -1`);
  const known = shape.reduce((a, n) => (n === -1 ? a : a * n), 1);
  const resolved = shape.map((n) => (n === -1 ? (known === 0 ? 0 : size / known) : n));
  checkShape(resolved);
  if (resolved.reduce((a, b) => a * b, 1) !== size) {
    throw new RangeError(`tensor: cannot reshape ${size} elements to [${shape}]`);
  }
  return resolved;
}

function checkShape(shape: readonly number[]): void {
  for (const n of shape) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`tensor: bad shape [${shape}]`);
  }
}

function checkIndex(i: number, extent: number, what: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= extent) {
    throw new RangeError(`tensor: ${what}: index ${i} out of range [0, ${extent})`);
  }
}

function stridesEqual(a: readonly number[], b: readonly number[], shape: readonly number[]): boolean {
  // Extents of 1 may carry any stride without changing the layout.
  return a.every((s, k) => shape[k] === 1 || s === b[k]);
}

/**
 * A tensor as checkpoint files hold it: a dtype, a shape and contiguous row-major little-endian bytes. Both
 * safetensors and `.pt` readers produce these, both writers consume them, and the model converts them to and
 * from Float32Array.
 */
import { fromBf16, toBf16 } from '../../tensor/index.ts';
import { DTYPES, type DType, f16ToF32, f32ToF16 } from './dtypes.ts';

/** One named tensor of a checkpoint file. */
export interface StoredTensor {
  dtype: DType;
  shape: number[];
  /** contiguous row-major little-endian elements: numel(shape) * bytes(dtype) */
  data: Uint8Array;
}

/** The tensors of a file in file order, plus string metadata (safetensors `__metadata__`). */
export interface TensorFile {
  tensors: Map<string, StoredTensor>;
  metadata: Record<string, string>;
}

/** Elements of a shape (1 for a 0-d tensor). */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const dim of shape) n *= dim;
  return n;
}

/** A view of `data` as a typed array of its dtype's native element type; copies only when unaligned. */
function aligned(data: Uint8Array, elementBytes: number): ArrayBuffer {
  if (data.byteOffset % elementBytes === 0 && data.buffer instanceof ArrayBuffer) return data.buffer;
  return data.slice().buffer;
}

function offsetOf(data: Uint8Array, elementBytes: number): number {
  return data.byteOffset % elementBytes === 0 && data.buffer instanceof ArrayBuffer ? data.byteOffset : 0;
}

/** The tensor's values as float32 (bf16, f16, f64 and integer types are converted). */
export function toFloat32(tensor: StoredTensor): Float32Array {
  const n = numel(tensor.shape);
  const { data, dtype } = tensor;
  const bytes = DTYPES[dtype].bytes;
  const buffer = aligned(data, bytes);
  const offset = offsetOf(data, bytes);
  switch (dtype) {
    case 'F32':
      return new Float32Array(buffer, offset, n).slice();
    case 'F64':
      return Float32Array.from(new Float64Array(buffer, offset, n));
    case 'BF16':
      return fromBf16(new Uint16Array(buffer, offset, n));
    case 'F16':
      return Float32Array.from(new Uint16Array(buffer, offset, n), f16ToF32);
    default:
      return Float32Array.from(toNumbers(tensor));
  }
}

/** The tensor's values as plain numbers (int64 beyond 2^53 loses precision; use `toBigInts` for those). */
export function toNumbers(tensor: StoredTensor): number[] {
  const n = numel(tensor.shape);
  const { data, dtype } = tensor;
  const bytes = DTYPES[dtype].bytes;
  const buffer = aligned(data, bytes);
  const offset = offsetOf(data, bytes);
  switch (dtype) {
    case 'F32':
      return Array.from(new Float32Array(buffer, offset, n));
    case 'F64':
      return Array.from(new Float64Array(buffer, offset, n));
    case 'BF16':
      return Array.from(fromBf16(new Uint16Array(buffer, offset, n)));
    case 'F16':
      return Array.from(new Uint16Array(buffer, offset, n), f16ToF32);
    case 'I64':
      return Array.from(new BigInt64Array(buffer, offset, n), Number);
    case 'I32':
      return Array.from(new Int32Array(buffer, offset, n));
    case 'I16':
      return Array.from(new Int16Array(buffer, offset, n));
    case 'I8':
      return Array.from(new Int8Array(buffer, offset, n));
    case 'U8':
    case 'BOOL':
      return Array.from(new Uint8Array(buffer, offset, n));
  }
}

/** Integer tensor values as int32; throws a RangeError naming the value when one does not fit. */
export function toInt32(tensor: StoredTensor): Int32Array {
  if (DTYPES[tensor.dtype].isFloat) throw new TypeError(`expected an integer tensor, got ${tensor.dtype}`);
  const values = toNumbers(tensor);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    if (v > 2147483647 || v < -2147483648)
      throw new RangeError(`value ${v} at index ${i} does not fit int32`);
    out[i] = v;
  }
  return out;
}

/** A stored tensor from float32 values, encoded as `dtype` (F32, BF16, F16 or F64). */
export function fromFloat32(
  values: Float32Array,
  shape: readonly number[],
  dtype: 'F32' | 'BF16' | 'F16' | 'F64' = 'F32',
): StoredTensor {
  checkLength(values.length, shape);
  let array: ArrayBufferView;
  if (dtype === 'F32') array = values.slice();
  else if (dtype === 'F64') array = Float64Array.from(values);
  else if (dtype === 'BF16') array = toBf16(values);
  else array = Uint16Array.from(values, f32ToF16);
  return { dtype, shape: [...shape], data: new Uint8Array(array.buffer, array.byteOffset, array.byteLength) };
}

/** A stored int32 tensor. */
export function fromInt32(values: Int32Array, shape: readonly number[]): StoredTensor {
  checkLength(values.length, shape);
  const copy = values.slice();
  return { dtype: 'I32', shape: [...shape], data: new Uint8Array(copy.buffer) };
}

/** A stored bool tensor (one byte per element, 0 or 1). */
export function fromBool(values: ArrayLike<boolean | number>, shape: readonly number[]): StoredTensor {
  checkLength(values.length, shape);
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i += 1) data[i] = values[i] ? 1 : 0;
  return { dtype: 'BOOL', shape: [...shape], data };
}

function checkLength(length: number, shape: readonly number[]): void {
  if (length !== numel(shape)) {
    throw new RangeError(
      `${length} values do not fill shape [${shape.join(', ')}] (${numel(shape)} elements)`,
    );
  }
}

/**
 * NumPy `.npy` reading (docs/hrm.md §9.1), for upstream HRM datasets: magic `\x93NUMPY`, version 1.0 (u16
 * header length) or 2.0/3.0 (u32), a Python-dict header `{'descr': '<i4', 'fortran_order': False,
 * 'shape': (10, 16), }`, then the C-order data. Integer and float dtypes only; the data stay in their own
 * dtype (a uint8 dataset of a million rows stays a uint8 array).
 */
import { InputError } from '../../core/errors.ts';

/** Typed arrays the reader returns, by numpy descr. */
const DESCR = {
  '|u1': Uint8Array,
  '|i1': Int8Array,
  '|b1': Uint8Array,
  '<u2': Uint16Array,
  '<i2': Int16Array,
  '<u4': Uint32Array,
  '<i4': Int32Array,
  '<i8': BigInt64Array,
  '<f4': Float32Array,
  '<f8': Float64Array,
} as const;

/** A numpy dtype this reader supports. */
export type NpyDescr = keyof typeof DESCR;

/** The typed array of one npy dtype. */
export type NpyData = InstanceType<(typeof DESCR)[NpyDescr]>;

/** A loaded array: dtype, shape (C order) and its elements. */
export interface NpyArray {
  descr: NpyDescr;
  shape: number[];
  data: NpyData;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Parse `.npy` bytes; `source` names the file in errors (with the byte offset where that helps). */
export function readNpy(bytes: Uint8Array, source: string): NpyArray {
  const fail = (detail: string): never => {
    throw new InputError(source, `npy: ${detail}`);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    fail('missing the \\x93NUMPY magic at byte 0');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  if (major < 1 || major > 3) fail(`unsupported format version ${major}.${bytes[7]} at byte 6`);
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length)
    fail(`header of ${headerLength} bytes at byte ${headerStart} runs past the end`);
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, dataStart));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    fail(`unreadable header ${JSON.stringify(header.trim())}`);
  if (!Object.hasOwn(DESCR, descr!))
    fail(`unsupported dtype '${descr}' (supported: ${Object.keys(DESCR).join(' ')})`);
  if (fortran === 'True') fail('Fortran-order arrays are not supported');
  const shape = shapeText!
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) fail(`bad shape (${shapeText})`);
  const Typed = DESCR[descr as NpyDescr];
  const count = shape.reduce((a, b) => a * b, 1);
  const byteLength = count * Typed.BYTES_PER_ELEMENT;
  if (dataStart + byteLength > bytes.length) {
    fail(
      `shape (${shape.join(', ')}) needs ${byteLength} data bytes from byte ${dataStart}, the file has ${bytes.length - dataStart}`,
    );
  }
  const raw = bytes.subarray(dataStart, dataStart + byteLength);
  const aligned = raw.byteOffset % Typed.BYTES_PER_ELEMENT === 0 ? raw : raw.slice();
  const data = new Typed(aligned.buffer as ArrayBuffer, aligned.byteOffset, count) as NpyData;
  return { descr: descr as NpyDescr, shape, data };
}

/** Element i of an integer array as a number (int64 values beyond 2^53 are refused by the caller's checks). */
export function npyInt(array: NpyArray, i: number): number {
  return Number(array.data[i]!);
}

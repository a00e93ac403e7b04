/**
 * Element types of checkpoint tensors, named as safetensors names them (docs/hrm.md §9.2), with their byte
 * sizes, PyTorch storage classes (§9.3) and f16 conversion (bf16 conversion is the tensor engine's).
 */

/** A tensor element type, in safetensors spelling. */
export type DType = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

interface DTypeInfo {
  bytes: number;
  /** PyTorch storage class in a `.pt` pickle (`torch FloatStorage`) */
  torchStorage: string;
  /** PyTorch dtype name, as `inspect` prints it */
  torchName: string;
  isFloat: boolean;
}

/** Every supported dtype with its size, torch storage class and torch name. */
export const DTYPES: Readonly<Record<DType, DTypeInfo>> = {
  F64: { bytes: 8, torchStorage: 'DoubleStorage', torchName: 'float64', isFloat: true },
  F32: { bytes: 4, torchStorage: 'FloatStorage', torchName: 'float32', isFloat: true },
  F16: { bytes: 2, torchStorage: 'HalfStorage', torchName: 'float16', isFloat: true },
  BF16: { bytes: 2, torchStorage: 'BFloat16Storage', torchName: 'bfloat16', isFloat: true },
  I64: { bytes: 8, torchStorage: 'LongStorage', torchName: 'int64', isFloat: false },
  I32: { bytes: 4, torchStorage: 'IntStorage', torchName: 'int32', isFloat: false },
  I16: { bytes: 2, torchStorage: 'ShortStorage', torchName: 'int16', isFloat: false },
  I8: { bytes: 1, torchStorage: 'CharStorage', torchName: 'int8', isFloat: false },
  U8: { bytes: 1, torchStorage: 'ByteStorage', torchName: 'uint8', isFloat: false },
  BOOL: { bytes: 1, torchStorage: 'BoolStorage', torchName: 'bool', isFloat: false },
};

/** Type guard for a dtype name read from a file. */
export function isDType(name: string): name is DType {
  return Object.hasOwn(DTYPES, name);
}

/** The dtype whose PyTorch storage class is `storageClass` (e.g. `FloatStorage`), if any. */
export function dtypeOfTorchStorage(storageClass: string): DType | undefined {
  for (const [name, info] of Object.entries(DTYPES)) {
    if (info.torchStorage === storageClass) return name as DType;
  }
  return undefined;
}

/** IEEE half bits to a number. */
export function f16ToF32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** A number to IEEE half bits, rounding to nearest even; overflow gives infinity. */
export function f32ToF16(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  let magnitude = Math.abs(Math.fround(value));
  if (magnitude === Number.POSITIVE_INFINITY) return sign | 0x7c00;
  if (magnitude < 2 ** -24 / 2) return sign; // below half the smallest subnormal
  let exponent = Math.floor(Math.log2(magnitude));
  if (exponent < -14) {
    // subnormal: units of 2^-24
    const units = roundHalfEvenInt(magnitude / 2 ** -24);
    return sign | units; // units may reach 1024 = smallest normal, which the bit pattern encodes correctly
  }
  // guard against log2 rounding at exact powers of two
  if (2 ** exponent > magnitude) exponent -= 1;
  if (2 ** (exponent + 1) <= magnitude) exponent += 1;
  magnitude = magnitude / 2 ** exponent - 1; // fraction in [0, 1)
  let fraction = roundHalfEvenInt(magnitude * 1024);
  if (fraction === 1024) {
    fraction = 0;
    exponent += 1;
  }
  if (exponent > 15) return sign | 0x7c00;
  return sign | ((exponent + 15) << 10) | fraction;
}

function roundHalfEvenInt(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Tensor-level elementwise ops and bf16 conversion; operands must be contiguous with equal shapes. */
import { kernels } from '../backend.ts';
import type { Tensor } from '../tensor.ts';
import { expectContiguous, expectDense } from './checks.ts';

/** out = a + b (out may be a or b) */
export function add(out: Tensor, a: Tensor, b: Tensor): void {
  same('add', out, a, b);
  kernels().add(out.data, a.data, b.data, out.size);
}

/** y += α·x */
export function axpy(y: Tensor, alpha: number, x: Tensor): void {
  same('axpy', y, x);
  kernels().axpy(y.data, alpha, x.data, y.size);
}

/** out = α·x (out may be x) */
export function scale(out: Tensor, alpha: number, x: Tensor): void {
  same('scale', out, x);
  kernels().scale(out.data, alpha, x.data, out.size);
}

/** out = a ⊙ b (out may be a or b) */
export function mul(out: Tensor, a: Tensor, b: Tensor): void {
  same('mul', out, a, b);
  kernels().mul(out.data, a.data, b.data, out.size);
}

/** out = σ(x) (out may be x) */
export function sigmoid(out: Tensor, x: Tensor): void {
  same('sigmoid', out, x);
  kernels().sigmoid(out.data, x.data, out.size);
}

/** bf16 bits of f32 values (round-to-nearest-even), e.g. for writing H_init/L_init to a checkpoint */
export function toBf16(x: Float32Array): Uint16Array {
  const out = new Uint16Array(x.length);
  kernels().f32ToBf16(out, x, x.length);
  return out;
}

/** f32 values of bf16 bits (exact), e.g. when reading a bf16 checkpoint tensor */
export function fromBf16(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  kernels().bf16ToF32(out, bits, bits.length);
  return out;
}

function same(op: string, first: Tensor, ...rest: Tensor[]): void {
  expectContiguous(op, 'out', first);
  for (const [i, t] of rest.entries()) expectDense(op, `operand ${i + 1}`, t, first.shape);
}

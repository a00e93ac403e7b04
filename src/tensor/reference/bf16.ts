/**
 * bfloat16 ⇄ float32. A bf16 value is the top 16 bits of an f32, so widening is exact. Narrowing rounds
 * to nearest, ties to even (add 0x7FFF plus the lowest kept bit, then drop 16 bits), which also sends
 * values past the largest bf16 to ±inf and keeps ±inf. Every NaN becomes the quiet NaN 0x7FC0, the rule of
 * c10::BFloat16 (torch's vectorised CPU cast writes 0xFFFF instead: also a NaN).
 */

/** bf16 bits of the canonical quiet NaN */
export const BF16_NAN = 0x7fc0;

/** out[i] = bf16 bits of x[i], round-to-nearest-even */
export function f32ToBf16(out: Uint16Array, x: Float32Array, n: number): void {
  const bits = new Uint32Array(x.buffer, x.byteOffset, n);
  for (let i = 0; i < n; i++) {
    const u = bits[i]!;
    if ((u & 0x7fffffff) > 0x7f800000) out[i] = BF16_NAN;
    else out[i] = (u + 0x7fff + ((u >>> 16) & 1)) >>> 16;
  }
}

/** out[i] = the f32 value of bf16 bits x[i] (exact) */
export function bf16ToF32(out: Float32Array, x: Uint16Array, n: number): void {
  const bits = new Uint32Array(out.buffer, out.byteOffset, n);
  for (let i = 0; i < n; i++) bits[i] = x[i]! << 16;
}

/** Reference elementwise kernels: sums, scaling, products, bias gradients and the logistic function. */
import type { FloatArray } from '../tensor.ts';

/** out = a + b */
export function add(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
}

/** y += α·x */
export function axpy(y: FloatArray, alpha: number, x: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) y[i]! += alpha * x[i]!;
}

/** out = α·x */
export function scale(out: FloatArray, alpha: number, x: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) out[i] = alpha * x[i]!;
}

/** out = a ⊙ b */
export function mul(out: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
}

// y[r, c] = x[r, c] + bias[c]  ⇒  ∂L/∂bias[c] = Σ_r dy[r, c]
/** dBias[c] += Σ_r dOut[r, c] */
export function biasBackward(dBias: FloatArray, dOut: FloatArray, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) dBias[c]! += dOut[row + c]!;
  }
}

/** out = σ(x) = 1 / (1 + e^−x), computed without overflow for large |x| */
export function sigmoid(out: FloatArray, x: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) out[i] = sigmoidOf(x[i]!);
}

/** σ(x) for one number, stable on both tails */
export function sigmoidOf(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

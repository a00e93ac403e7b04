/**
 * AdamATan2, the optimizer upstream HRM trains every parameter with (pip `adam-atan2`; docs/hrm.md §7.3).
 * It has no epsilon: atan2 bounds each update by lr·π/2/(1 − β1ᵗ), and atan2(0, 0) = 0. Weight decay is
 * decoupled and applied first. Moments are float32 state, as upstream keeps them.
 */
import type { FloatArray } from '../tensor.ts';

/** one in-place step over n parameters; `step` is t after its increment (1 on the first step) */
export function adamAtan2(
  p: FloatArray,
  g: FloatArray,
  m: FloatArray,
  v: FloatArray,
  n: number,
  lr: number,
  beta1: number,
  beta2: number,
  weightDecay: number,
  step: number,
): void {
  const decay = 1 - lr * weightDecay;
  const stepSize = lr / (1 - beta1 ** step);
  const invSqrtBc2 = 1 / Math.sqrt(1 - beta2 ** step);
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const mi = Math.fround(m[i]! + (1 - beta1) * (gi - m[i]!));
    const vi = Math.fround(beta2 * v[i]! + (1 - beta2) * gi * gi);
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i]! * decay - stepSize * Math.atan2(mi, Math.sqrt(vi) * invSqrtBc2);
  }
}

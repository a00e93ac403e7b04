/**
 * AdamATan2 exactly as the `adam-atan2` package's fused kernel computes it (docs/hrm.md §7.3), on every
 * trainable parameter (no exclusions). Per element, with t the step count:
 *   p <- p * (1 - lr * wd)                                    decoupled weight decay, first
 *   m <- m + (1 - b1) * (g - m);  v <- b2 * v + (1 - b2) * g^2
 *   p <- p - lr / (1 - b1^t) * atan2(m, sqrt(v) / sqrt(1 - b2^t))
 * No epsilon: atan2 bounds each update by lr * pi/2 / (1 - b1^t), and atan2(0, 0) = 0.
 * Plain TypeScript for now (about 15 ns per element: 0.4 s per step at 27M parameters); a fused native
 * kernel in tensor/ would take this to a few milliseconds.
 */
import type { ParamBuffers } from '../weights.ts';

/** Hyper-parameters (upstream defaults: betas (0.9, 0.999), weight_decay 1e-2; pretrain.py passes its own). */
export interface AdamAtan2Options {
  beta1: number;
  beta2: number;
  weightDecay: number;
}

const TAN_3PI_8 = 2.414213562373095;
const TAN_PI_8 = 0.41421356237309503;

/**
 * atan2(y, x) for x >= 0, as the update needs it: octant reduction plus the float32 minimax polynomial
 * (Cephes atanf), evaluated in double; max error about 1e-8, below the float32 ulp the upstream kernel
 * (atan2f) works in, and 3x faster than V8's Math.atan2, which dominated the optimizer step.
 */
export function atan2NonNegative(y: number, x: number): number {
  if (x === 0) return Math.atan2(y, x); // atan2(0, 0) = 0; +-pi/2 when v underflowed but m did not
  let z = Math.abs(y) / x;
  let base = 0;
  if (z > TAN_3PI_8) {
    base = Math.PI / 2;
    z = -1 / z;
  } else if (z > TAN_PI_8) {
    base = Math.PI / 4;
    z = (z - 1) / (z + 1);
  }
  const z2 = z * z;
  const r =
    base +
    ((((8.05374449538e-2 * z2 - 1.38776856032e-1) * z2 + 1.99777106478e-1) * z2 - 3.33329491539e-1) * z2 * z +
      z);
  return y < 0 ? -r : r;
}

/** AdamATan2 state over the rows of a gradient layout: first and second moments and the step count. */
export class AdamAtan2 {
  /** first moments, same layout as the gradients */
  readonly m: ParamBuffers;
  /** second moments, same layout as the gradients */
  readonly v: ParamBuffers;
  /** steps taken so far */
  step = 0;

  constructor(
    gradLayout: ParamBuffers,
    readonly options: AdamAtan2Options,
  ) {
    this.m = gradLayout.likeThis();
    this.v = gradLayout.likeThis();
  }

  /** One update of every row of `grads` (by name) in `weights`, at learning rate `lr`. */
  update(weights: ParamBuffers, grads: ParamBuffers, lr: number): void {
    this.step += 1;
    const { beta1, beta2, weightDecay } = this.options;
    const decay = 1 - lr * weightDecay;
    const stepSize = lr / (1 - beta1 ** this.step);
    const invSqrtBc2 = 1 / Math.sqrt(1 - beta2 ** this.step);
    const c1 = 1 - beta1;
    const c2 = 1 - beta2;
    for (const spec of grads.table) {
      const p = weights.get(spec.name);
      const g = grads.get(spec.name);
      const m = this.m.get(spec.name);
      const v = this.v.get(spec.name);
      for (let i = 0; i < p.length; i += 1) {
        const gi = g[i]!;
        const mi = Math.fround(m[i]! + c1 * (gi - m[i]!)); // moments are float32 state, as upstream's
        const vi = Math.fround(beta2 * v[i]! + c2 * gi * gi);
        m[i] = mi;
        v[i] = vi;
        p[i] = p[i]! * decay - stepSize * atan2NonNegative(mi, Math.sqrt(vi) * invSqrtBc2);
      }
    }
  }
}

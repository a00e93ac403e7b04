/**
 * AdamATan2 exactly as the `adam-atan2` package's fused kernel computes it (docs/hrm.md §7.3), on every
 * trainable parameter (no exclusions). Per element, with t the step count:
 *   p <- p * (1 - lr * wd)                                    decoupled weight decay, first
 *   m <- m + (1 - b1) * (g - m);  v <- b2 * v + (1 - b2) * g^2
 *   p <- p - lr / (1 - b1^t) * atan2(m, sqrt(v) / sqrt(1 - b2^t))
 * No epsilon: atan2 bounds each update by lr * pi/2 / (1 - b1^t), and atan2(0, 0) = 0.
 * The update itself is the tensor engine's fused `adamAtan2Update` (one threaded pass over p, g, m, v per
 * tensor on the native backend); this class keeps the moments and the step count.
 */
import { adamAtan2Update } from '../../tensor/index.ts';
import type { ParamBuffers } from '../weights.ts';

/** Hyper-parameters (upstream defaults: betas (0.9, 0.999), weight_decay 1e-2; pretrain.py passes its own). */
export interface AdamAtan2Options {
  beta1: number;
  beta2: number;
  weightDecay: number;
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
    const hyper = { lr, ...this.options, step: this.step };
    for (const spec of grads.table) {
      const name = spec.name;
      adamAtan2Update(weights.get(name), grads.get(name), this.m.get(name), this.v.get(name), hyper);
    }
  }
}

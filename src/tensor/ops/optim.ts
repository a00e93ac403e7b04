/** Tensor-level optimizer steps: AdamATan2 over one parameter buffer and its state (docs/hrm.md §7.3). */
import { kernels } from '../backend.ts';
import { expectLength } from './checks.ts';

/** AdamATan2 hyper-parameters of one step. */
export interface AdamAtan2Step {
  lr: number;
  beta1: number;
  beta2: number;
  weightDecay: number;
  /** t after its increment: 1 on the first step */
  step: number;
}

/** one AdamATan2 step in place on param, with its gradient and float32 moments m, v (equal lengths) */
export function adamAtan2Update(
  param: Float32Array,
  grad: Float32Array,
  m: Float32Array,
  v: Float32Array,
  hyper: AdamAtan2Step,
): void {
  const n = param.length;
  for (const [name, a] of [
    ['grad', grad],
    ['m', m],
    ['v', v],
  ] as const)
    expectLength('adamAtan2Update', name, a, n);
  const { lr, beta1, beta2, weightDecay, step } = hyper;
  kernels().adamAtan2(param, grad, m, v, n, lr, beta1, beta2, weightDecay, step);
}

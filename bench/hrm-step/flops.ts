/**
 * The FLOP model of docs/engine.md §7 (matmuls only), per sequence, with T = seq_len + puzzle slots:
 *   one layer application  2·T·(4·D² + 3·D·I) + 4·T²·D
 *   one ACT step           (H_cycles·L_cycles·L_layers + H_cycles·H_layers) layer applications + lm_head 2·T·D·V
 *   one train step         two forwards (the second computes the target Q) + a backward of the differentiated
 *                          L and H calls and the lm_head, counted as twice their forward
 * hrm-lcb's target-Q forward skips the lm_head it does not need; the model counts it anyway, so both sides
 * are measured against the same work.
 */
import { type HrmConfig, hrmDims } from '../../src/hrm/config.ts';

/** FLOPs of one layer application for one sequence. */
export function layerFlops(config: HrmConfig): number {
  const { T, D, I } = hrmDims(config);
  return 2 * T * (4 * D * D + 3 * D * I) + 4 * T * T * D;
}

/** FLOPs of one ACT step (forward) for one sequence. */
export function actStepFlops(config: HrmConfig): number {
  const { T, D, V } = hrmDims(config);
  const layers = config.H_cycles * config.L_cycles * config.L_layers + config.H_cycles * config.H_layers;
  return layers * layerFlops(config) + 2 * T * D * V;
}

/** FLOPs of one training step for one sequence. */
export function trainStepFlops(config: HrmConfig): number {
  const { T, D, V } = hrmDims(config);
  const differentiated = (config.L_layers + config.H_layers) * layerFlops(config) + 2 * T * D * V;
  return 2 * actStepFlops(config) + 2 * differentiated;
}

/**
 * Upstream's learning-rate schedule (`cosine_schedule_with_warmup_lr_lambda` in pretrain.py; docs/hrm.md
 * §7.2): linear warmup from 0, then cosine from base to base * min_ratio. Both optimizers use it, each with
 * its own base lr. `step` is the optimizer step counter after its increment (the first step is 1).
 */

/** Schedule settings, upstream names in comments. */
export interface LrSchedule {
  /** `lr` or `puzzle_emb_lr` */
  baseLr: number;
  /** `round(lr_warmup_steps)` */
  warmupSteps: number;
  /** total_steps = int(epochs * total_groups * mean_puzzle_examples / global_batch_size) */
  totalSteps: number;
  /** `lr_min_ratio`; 1.0 (the yaml default) keeps the lr constant after warmup */
  minRatio: number;
  /** upstream's `num_cycles`, always 0.5 (half a cosine) */
  numCycles?: number;
}

/** The learning rate at optimizer step `step`. */
export function learningRateAt(step: number, schedule: LrSchedule): number {
  const { baseLr, warmupSteps, totalSteps, minRatio } = schedule;
  const numCycles = schedule.numCycles ?? 0.5;
  if (step < warmupSteps) return (baseLr * step) / Math.max(1, warmupSteps);
  const progress = (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
  const cosine = (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * numCycles * 2 * progress));
  return baseLr * (minRatio + Math.max(0, cosine));
}

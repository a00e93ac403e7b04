import assert from 'node:assert/strict';
import { it } from 'node:test';
import { learningRateAt } from '../../../src/hrm/optim/lr-schedule.ts';
import { readFixtureJson } from '../fixtures.ts';

interface Row {
  base_lr: number;
  num_warmup_steps: number;
  num_training_steps: number;
  min_ratio: number;
  step: number;
  lr: number;
}

it('equals upstream cosine_schedule_with_warmup_lr_lambda at every value of lr_schedule.json', () => {
  const rows = readFixtureJson<Row[]>('lr_schedule.json');
  assert.ok(rows.length >= 10);
  for (const row of rows) {
    const lr = learningRateAt(row.step, {
      baseLr: row.base_lr,
      warmupSteps: row.num_warmup_steps,
      totalSteps: row.num_training_steps,
      minRatio: row.min_ratio,
    });
    assert.ok(
      Math.abs(lr - row.lr) <= 1e-15 * Math.max(1e-12, Math.abs(row.lr)) + 1e-20,
      `${JSON.stringify(row)}: got ${lr}`,
    );
  }
});

it('matches the per-step lrs of the tiny_a training fixture', () => {
  const train = readFixtureJson<{
    train: {
      lr: number;
      puzzle_emb_lr: number;
      lr_warmup_steps: number;
      total_steps: number;
      lr_min_ratio: number;
    };
    steps: { step: number; lr: number; puzzle_emb_lr: number }[];
  }>('tiny_a/train_metrics.json');
  const { lr, puzzle_emb_lr, lr_warmup_steps, total_steps, lr_min_ratio } = train.train;
  for (const step of train.steps) {
    const common = { warmupSteps: lr_warmup_steps, totalSteps: total_steps, minRatio: lr_min_ratio };
    assert.equal(learningRateAt(step.step, { ...common, baseLr: lr }), step.lr);
    assert.equal(learningRateAt(step.step, { ...common, baseLr: puzzle_emb_lr }), step.puzzle_emb_lr);
  }
});

/**
 * One upstream training step (`train_batch` in pretrain.py; docs/hrm.md §7.1): ACT forward through the loss
 * head with the carry kept across batches, backward of loss / global_batch_size, then the two optimizers in
 * upstream's order, each at its scheduled lr: sign-SGD on the puzzle embedding, AdamATan2 on every parameter.
 */
import { Rng } from '../tensor/index.ts';
import type { HrmConfig } from './config.ts';
import { ActLossHead, type HrmMetrics, type LossType } from './loss-head.ts';
import { type ActOutputs, type HrmBatch, type HrmCarry, HrmModel } from './model.ts';
import { AdamAtan2 } from './optim/adam-atan2.ts';
import { learningRateAt } from './optim/lr-schedule.ts';
import { signSgdSparseUpdate } from './optim/sign-sgd.ts';
import type { ParamBuffers } from './weights.ts';

/** Training hyper-parameters with upstream's `PretrainConfig` names. */
export interface HrmTrainHyper {
  global_batch_size: number;
  lr: number;
  lr_min_ratio: number;
  lr_warmup_steps: number;
  /** int(epochs * total_groups * mean_puzzle_examples / global_batch_size) */
  total_steps: number;
  beta1: number;
  beta2: number;
  weight_decay: number;
  puzzle_emb_lr: number;
  puzzle_emb_weight_decay: number;
}

/** What one training step reports. */
export interface TrainStepResult {
  /** the optimizer step just taken (1-based) */
  step: number;
  lr: number;
  puzzleEmbLr: number;
  loss: number;
  metrics: HrmMetrics;
  allHalted: boolean;
  /** the model outputs of this step (the model's buffers: overwritten by the next step) */
  outputs: ActOutputs;
}

/** Model, loss head, carry and both optimizers of one training run (one rank). */
export class HrmTrainer {
  readonly model: HrmModel;
  readonly head: ActLossHead;
  readonly adam: AdamAtan2;
  /** the ACT carry, kept across batches; undefined until the first step */
  carry: HrmCarry | undefined;
  /** optimizer steps taken */
  step = 0;

  /**
   * `seed` drives ACT exploration; each step draws from a generator seeded by (seed, step), so a run resumed
   * from a saved state (train-state.ts) makes exactly the draws the uninterrupted run would have made.
   */
  constructor(
    readonly config: HrmConfig,
    readonly weights: ParamBuffers,
    readonly hyper: HrmTrainHyper,
    readonly seed: number,
    lossType: LossType = 'stablemax_cross_entropy',
  ) {
    this.model = new HrmModel(config, weights, config.batch_size, { trainable: true });
    this.head = new ActLossHead(this.model, lossType);
    this.adam = new AdamAtan2(this.model.grads!, {
      beta1: hyper.beta1,
      beta2: hyper.beta2,
      weightDecay: hyper.weight_decay,
    });
  }

  /** The scheduled lr of both optimizers at optimizer step `step`. */
  learningRates(step: number): { lr: number; puzzleEmbLr: number } {
    const common = {
      warmupSteps: Math.round(this.hyper.lr_warmup_steps),
      totalSteps: this.hyper.total_steps,
      minRatio: this.hyper.lr_min_ratio,
    };
    return {
      lr: learningRateAt(step, { ...common, baseLr: this.hyper.lr }),
      puzzleEmbLr: learningRateAt(step, { ...common, baseLr: this.hyper.puzzle_emb_lr }),
    };
  }

  /** Forward, backward and both optimizer updates on one batch (batch_size rows, labels required). */
  trainStep(batch: HrmBatch): TrainStepResult {
    if (batch.labels === undefined) throw new Error('HrmTrainer.trainStep: the batch has no labels');
    this.step += 1;
    this.carry ??= this.model.initialCarry();
    const rng = new Rng(this.seed * 1_000_003 + this.step);
    const outputs = this.model.forward(this.carry, batch, { training: true, rng });
    const { loss, metrics, allHalted } = this.head.compute(this.carry, outputs);
    this.model.zeroGrad();
    this.head.backward(this.carry, outputs, 1 / this.hyper.global_batch_size);
    const { lr, puzzleEmbLr } = this.learningRates(this.step);
    const embedding = this.model.embedding;
    if (this.weights.has('puzzle_emb.weights')) {
      signSgdSparseUpdate(
        this.weights.get('puzzle_emb.weights'),
        embedding.dLocalWeights,
        embedding.localIds,
        this.config.puzzle_emb_ndim,
        puzzleEmbLr,
        this.hyper.puzzle_emb_weight_decay,
      );
    }
    this.adam.update(this.weights, this.model.grads!, lr);
    return { step: this.step, lr, puzzleEmbLr, loss, metrics, allHalted, outputs };
  }
}

/**
 * The ACT loss head (upstream `models/losses.py` `ACTLossHead`; docs/hrm.md §6): stablemax (or softmax)
 * cross entropy per sequence, q-halt BCE against "the sequence is exactly right", q-continue BCE against
 * the bootstrapped target, and the same raw-sum metrics. Labels come from the carry's current data, the
 * examples the rows actually worked on.
 *
 * Dims: B batch, S tokens, V vocab.
 */
import {
  bceWithLogitsBackward,
  bceWithLogitsForward,
  type CrossEntropyKind,
  crossEntropyBackward,
  crossEntropyForward,
  IGNORE_LABEL_ID,
  type Tensor,
  zeros,
} from '../tensor/index.ts';
import type { ActOutputs, HrmCarry, HrmModel } from './model.ts';

/** upstream `arch.loss.loss_type` */
export type LossType = CrossEntropyKind;

/** Raw metric sums as upstream's loss head returns them (before pretrain.py divides them). */
export interface HrmMetrics {
  /** rows that halted this call and have at least one label */
  count: number;
  /** sum over those rows of the fraction of labelled tokens predicted right */
  accuracy: number;
  /** of those rows, how many are entirely right */
  exact_accuracy: number;
  /** of those rows, how many have (q_halt >= 0) == (entirely right) */
  q_halt_accuracy: number;
  /** sum of ACT steps over those rows */
  steps: number;
  /** sum over all rows of the per-sequence mean token loss */
  lm_loss: number;
  /** sum over all rows of BCE(q_halt, entirely right) */
  q_halt_loss: number;
  /** sum over all rows of BCE(q_continue, target); training only */
  q_continue_loss?: number;
}

/** The result of one loss-head call. */
export interface LossResult {
  /** lm_loss + 0.5 * (q_halt_loss + q_continue_loss), a sum over the batch */
  loss: number;
  metrics: HrmMetrics;
  /** every row halted (evaluation stops here) */
  allHalted: boolean;
}

/** Loss, metrics and the loss gradient for an `HrmModel` of fixed batch size. */
export class ActLossHead {
  private readonly tokenLosses: Float64Array; // [B * S]
  private readonly tokenWeights: Float64Array; // [B * S] backward weights
  private readonly divisor: Float64Array; // [B] max(labelled tokens, 1)
  private readonly seqCorrect: Float32Array; // [B] 1 when every labelled token is right
  private readonly rowLosses: Float64Array; // [B]
  private readonly rowWeights: Float64Array; // [B]
  private readonly dLogits: Tensor; // [B, S, V]
  private readonly dQHalt: Float32Array;
  private readonly dQContinue: Float32Array;

  constructor(
    readonly model: HrmModel,
    readonly lossType: LossType = 'stablemax_cross_entropy',
  ) {
    const B = model.batchSize;
    const { S, V } = model.dims;
    this.tokenLosses = new Float64Array(B * S);
    this.tokenWeights = new Float64Array(B * S);
    this.divisor = new Float64Array(B);
    this.seqCorrect = new Float32Array(B);
    this.rowLosses = new Float64Array(B);
    this.rowWeights = new Float64Array(B);
    this.dLogits = zeros([B, S, V]);
    this.dQHalt = new Float32Array(B);
    this.dQContinue = new Float32Array(B);
  }

  /** Loss and metrics of the call that produced `outputs` and left `carry`. */
  compute(carry: HrmCarry, outputs: ActOutputs): LossResult {
    const B = this.model.batchSize;
    const { S, V } = this.model.dims;
    const labels = carry.currentData.labels;
    const logits = outputs.logits.data;
    let count = 0;
    let accuracy = 0;
    let exact = 0;
    let qHaltAccuracy = 0;
    let steps = 0;
    for (let b = 0; b < B; b += 1) {
      let labelled = 0;
      let correct = 0;
      for (let s = 0; s < S; s += 1) {
        const label = labels[b * S + s]!;
        if (label === IGNORE_LABEL_ID) continue;
        labelled += 1;
        if (argmax(logits, (b * S + s) * V, V) === label) correct += 1;
      }
      this.divisor[b] = Math.max(labelled, 1);
      const seqCorrect = correct === labelled; // a fully ignored row counts as correct
      this.seqCorrect[b] = seqCorrect ? 1 : 0;
      if (carry.halted[b] && labelled > 0) {
        count += 1;
        accuracy += correct / this.divisor[b]!;
        if (seqCorrect) exact += 1;
        if (outputs.qHaltLogits[b]! >= 0 === seqCorrect) qHaltAccuracy += 1;
        steps += carry.steps[b]!;
      }
    }
    crossEntropyForward(this.lossType, this.tokenLosses, outputs.logits, labels);
    let lmLoss = 0;
    for (let i = 0; i < B * S; i += 1) lmLoss += this.tokenLosses[i]! / this.divisor[Math.floor(i / S)]!;
    bceWithLogitsForward(this.rowLosses, outputs.qHaltLogits, this.seqCorrect);
    const qHaltLoss = sum(this.rowLosses);
    const metrics: HrmMetrics = {
      count,
      accuracy,
      exact_accuracy: exact,
      q_halt_accuracy: qHaltAccuracy,
      steps,
      lm_loss: lmLoss,
      q_halt_loss: qHaltLoss,
    };
    let qContinueLoss = 0;
    if (outputs.targetQContinue !== undefined) {
      bceWithLogitsForward(this.rowLosses, outputs.qContinueLogits, outputs.targetQContinue);
      qContinueLoss = sum(this.rowLosses);
      metrics.q_continue_loss = qContinueLoss;
    }
    return {
      loss: lmLoss + 0.5 * (qHaltLoss + qContinueLoss),
      metrics,
      allHalted: carry.halted.every((h) => h === 1),
    };
  }

  /**
   * Backward of `scale * loss` for the last `compute` (upstream: scale = 1 / global_batch_size) into the
   * model's gradients. Run `compute` first: it fills the per-row divisors and correctness this needs.
   */
  backward(carry: HrmCarry, outputs: ActOutputs, scale: number): void {
    const B = this.model.batchSize;
    const { S } = this.model.dims;
    for (let i = 0; i < B * S; i += 1) this.tokenWeights[i] = scale / this.divisor[Math.floor(i / S)]!;
    crossEntropyBackward(
      this.lossType,
      this.dLogits,
      outputs.logits,
      carry.currentData.labels,
      this.tokenWeights,
    );
    this.rowWeights.fill(0.5 * scale);
    bceWithLogitsBackward(this.dQHalt, outputs.qHaltLogits, this.seqCorrect, this.rowWeights);
    if (outputs.targetQContinue === undefined) this.dQContinue.fill(0);
    else
      bceWithLogitsBackward(
        this.dQContinue,
        outputs.qContinueLogits,
        outputs.targetQContinue,
        this.rowWeights,
      );
    this.model.backward(this.dLogits, this.dQHalt, this.dQContinue);
  }
}

/** Index of the largest of `n` values from `offset`; the first one on ties (torch.argmax on CPU). */
function argmax(values: Float32Array, offset: number, n: number): number {
  let best = 0;
  let bestValue = values[offset]!;
  for (let i = 1; i < n; i += 1) {
    const v = values[offset + i]!;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

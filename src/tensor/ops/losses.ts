/**
 * Tensor-level losses of HRM's loss head (docs/hrm.md §6): stablemax / softmax cross entropy over logits
 * [R, V] with int32 labels (−100 = ignore) and BCE-with-logits for the q heads. Per-row losses are f64;
 * backward kernels take per-row f64 weights, so Σ_r w_r·loss_r (e.g. w = 1/(divisor·batch)) is one call.
 */
import { kernels } from '../backend.ts';
import type { Tensor } from '../tensor.ts';
import { expectContiguous, expectDense, expectLength } from './checks.ts';

/** Which cross entropy upstream's `loss_type` names. */
export type CrossEntropyKind = 'stablemax_cross_entropy' | 'softmax_cross_entropy';

/** losses[r] = cross entropy of logits [R, V] row r against labels[r]; 0 where labels[r] = −100 */
export function crossEntropyForward(
  kind: CrossEntropyKind,
  losses: Float64Array,
  logits: Tensor,
  labels: Int32Array,
): void {
  const { rows, vocab } = logitDims('crossEntropyForward', logits, labels, losses);
  const k = kernels();
  if (kind === 'stablemax_cross_entropy')
    k.stablemaxCrossEntropyForward(losses, logits.data, labels, rows, vocab);
  else k.softmaxCrossEntropyForward(losses, logits.data, labels, rows, vocab);
}

/** dLogits [R, V] = ∂(Σ_r weights[r]·losses[r])/∂logits (overwritten) */
export function crossEntropyBackward(
  kind: CrossEntropyKind,
  dLogits: Tensor,
  logits: Tensor,
  labels: Int32Array,
  weights: Float64Array,
): void {
  const { rows, vocab } = logitDims('crossEntropyBackward', logits, labels, weights);
  expectDense('crossEntropyBackward', 'dLogits', dLogits, logits.shape);
  const k = kernels();
  if (kind === 'stablemax_cross_entropy') {
    k.stablemaxCrossEntropyBackward(dLogits.data, logits.data, labels, weights, rows, vocab);
  } else k.softmaxCrossEntropyBackward(dLogits.data, logits.data, labels, weights, rows, vocab);
}

/** losses[i] = BCE-with-logits(logits[i], targets[i]) for n = logits.length */
export function bceWithLogitsForward(
  losses: Float64Array,
  logits: Float32Array,
  targets: Float32Array,
): void {
  const n = logits.length;
  expectLength('bceWithLogitsForward', 'targets', targets, n);
  expectLength('bceWithLogitsForward', 'losses', losses, n);
  kernels().bceWithLogitsForward(losses, logits, targets, n);
}

/** dLogits[i] = weights[i]·(σ(logits[i]) − targets[i]) */
export function bceWithLogitsBackward(
  dLogits: Float32Array,
  logits: Float32Array,
  targets: Float32Array,
  weights: Float64Array,
): void {
  const n = logits.length;
  for (const [name, a] of [
    ['dLogits', dLogits],
    ['targets', targets],
    ['weights', weights],
  ] as const) {
    expectLength('bceWithLogitsBackward', name, a, n);
  }
  kernels().bceWithLogitsBackward(dLogits, logits, targets, weights, n);
}

function logitDims(
  op: string,
  logits: Tensor,
  labels: Int32Array,
  perRow: Float64Array,
): { rows: number; vocab: number } {
  if (logits.rank < 1) throw new RangeError(`${op}: logits must be [..., V]`);
  expectContiguous(op, 'logits', logits);
  const vocab = logits.shape[logits.rank - 1]!;
  const rows = logits.size / Math.max(vocab, 1);
  if (labels.length !== rows)
    throw new RangeError(`${op}: ${labels.length} labels for ${rows} rows of logits`);
  expectLength(op, 'losses/weights', perRow, rows);
  return { rows, vocab };
}

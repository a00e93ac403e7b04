/**
 * HRM's loss functions (docs/hrm.md §6): stablemax cross entropy in f64 (the default), softmax cross
 * entropy, and binary cross entropy with logits for the q-halt / q-continue heads. Per-row losses come
 * out in f64; rows whose label is IGNORE_LABEL_ID (−100) contribute 0 and get a zero gradient.
 */
import { IGNORE_LABEL_ID } from '../kernels.ts';
import type { FloatArray } from '../tensor.ts';
import { sigmoidOf } from './elementwise.ts';

// Stablemax: s(x) = 1/(1 − x + 1e-30) for x < 0, x + 1 otherwise; p_i = s(x_i)/Σ_j s(x_j).
/** s(x) of stablemax, in f64 */
export function stablemaxS(x: number): number {
  return x < 0 ? 1 / (1 - x + 1e-30) : x + 1;
}

/** losses[r] = −log(s(x_y)/Σ_j s(x_j)), 0 where ignored */
export function stablemaxCrossEntropyForward(
  losses: Float64Array,
  logits: FloatArray,
  labels: Int32Array,
  rows: number,
  vocab: number,
): void {
  for (let r = 0; r < rows; r++) {
    const label = checkedLabel(labels, r, vocab);
    if (label === IGNORE_LABEL_ID) {
      losses[r] = 0;
      continue;
    }
    const row = r * vocab;
    let sum = 0;
    for (let j = 0; j < vocab; j++) sum += stablemaxS(logits[row + j]!);
    losses[r] = -Math.log(stablemaxS(logits[row + label]!) / sum);
  }
}

// loss = log Σ_j s(x_j) − log s(x_y), with s'(x) = s(x)² for x < 0 and 1 otherwise:
//   ∂loss/∂x_j = s'(x_j)/Σ s − [j = y]·s'(x_y)/s(x_y)
/** dLogits = weights[r]·∂losses[r]/∂logits (f64 inside, one rounding at the store) */
export function stablemaxCrossEntropyBackward(
  dLogits: FloatArray,
  logits: FloatArray,
  labels: Int32Array,
  weights: Float64Array,
  rows: number,
  vocab: number,
): void {
  for (let r = 0; r < rows; r++) {
    const label = checkedLabel(labels, r, vocab);
    const row = r * vocab;
    if (label === IGNORE_LABEL_ID) {
      dLogits.fill(0, row, row + vocab);
      continue;
    }
    let sum = 0;
    for (let j = 0; j < vocab; j++) sum += stablemaxS(logits[row + j]!);
    const w = weights[r]!;
    for (let j = 0; j < vocab; j++) {
      const x = logits[row + j]!;
      const s = stablemaxS(x);
      const ds = x < 0 ? s * s : 1;
      dLogits[row + j] = w * (j === label ? ds / sum - ds / s : ds / sum);
    }
  }
}

/** losses[r] = logsumexp(x) − x_y, 0 where ignored */
export function softmaxCrossEntropyForward(
  losses: Float64Array,
  logits: FloatArray,
  labels: Int32Array,
  rows: number,
  vocab: number,
): void {
  for (let r = 0; r < rows; r++) {
    const label = checkedLabel(labels, r, vocab);
    if (label === IGNORE_LABEL_ID) {
      losses[r] = 0;
      continue;
    }
    const row = r * vocab;
    losses[r] = logSumExp(logits, row, vocab) - logits[row + label]!;
  }
}

// ∂(logsumexp(x) − x_y)/∂x_j = softmax(x)_j − [j = y]
/** dLogits = weights[r]·(softmax(x) − onehot(y)), 0 where ignored */
export function softmaxCrossEntropyBackward(
  dLogits: FloatArray,
  logits: FloatArray,
  labels: Int32Array,
  weights: Float64Array,
  rows: number,
  vocab: number,
): void {
  for (let r = 0; r < rows; r++) {
    const label = checkedLabel(labels, r, vocab);
    const row = r * vocab;
    if (label === IGNORE_LABEL_ID) {
      dLogits.fill(0, row, row + vocab);
      continue;
    }
    const lse = logSumExp(logits, row, vocab);
    const w = weights[r]!;
    for (let j = 0; j < vocab; j++) {
      dLogits[row + j] = w * (Math.exp(logits[row + j]! - lse) - (j === label ? 1 : 0));
    }
  }
}

// BCE(x, t) = −t·log σ(x) − (1 − t)·log(1 − σ(x)) = max(x, 0) − x·t + log(1 + e^−|x|)
/** losses[i] = BCE-with-logits(logits[i], targets[i]) */
export function bceWithLogitsForward(
  losses: Float64Array,
  logits: FloatArray,
  targets: FloatArray,
  n: number,
): void {
  for (let i = 0; i < n; i++) {
    const x = logits[i]!;
    losses[i] = Math.max(x, 0) - x * targets[i]! + Math.log1p(Math.exp(-Math.abs(x)));
  }
}

// ∂BCE/∂x = σ(x) − t
/** dLogits[i] = weights[i]·(σ(x) − t) */
export function bceWithLogitsBackward(
  dLogits: FloatArray,
  logits: FloatArray,
  targets: FloatArray,
  weights: Float64Array,
  n: number,
): void {
  for (let i = 0; i < n; i++) dLogits[i] = weights[i]! * (sigmoidOf(logits[i]!) - targets[i]!);
}

function logSumExp(x: FloatArray, start: number, n: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < n; j++) max = Math.max(max, x[start + j]!);
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(x[start + j]! - max);
  return max + Math.log(sum);
}

/** labels[r], or a RangeError naming the row when it is neither −100 nor a class id */
function checkedLabel(labels: Int32Array, r: number, vocab: number): number {
  const label = labels[r]!;
  if (label !== IGNORE_LABEL_ID && (label < 0 || label >= vocab)) {
    throw new RangeError(
      `cross entropy: labels[${r}] = ${label} is outside [0, ${vocab}) and not ${IGNORE_LABEL_ID}`,
    );
  }
  return label;
}

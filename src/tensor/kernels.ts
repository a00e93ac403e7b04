/**
 * The op table: every kernel a backend must provide, with its exact calling convention. `OpName` is the one
 * list of ops; each backend exports a `Kernels` object (`Record<OpName, kernel>`), so a kernel missing from
 * the native addon or from the pure-TS reference fails `tsc`.
 *
 * Conventions, shared by every kernel:
 * - Buffers are owned and preallocated by the caller; kernels never allocate their outputs. Arrays start
 *   at the operand's first element (pass `tensor.data`, a subarray for views).
 * - Row-major layouts; `ld*` and `stride*` arguments are element steps between rows / batch items.
 * - Forward kernels and activation-gradient kernels overwrite their outputs. Kernels that produce a
 *   weight gradient by scattering (`embeddingBackward`, `biasBackward`) accumulate into it; gemm uses β.
 * - Inputs and outputs must not overlap unless a kernel says so.
 *
 * Dims legend: R rows, D model dim, I SwiGLU inner size, B batch, T sequence, H heads, d head dim
 * (D = H·d), V vocabulary (classes), n elements.
 */
import type { FloatArray } from './tensor.ts';

/** Calling convention of every kernel, keyed by op name; `F` is the float storage a backend accepts. */
export interface KernelSignatures<F extends FloatArray = Float32Array> {
  /** C[M,N] = α·op(A)·op(B) + β·C; op(X) = Xᵀ when trans*; row strides lda, ldb, ldc (β = 0 ignores C) */
  gemm(
    transA: boolean,
    transB: boolean,
    M: number,
    N: number,
    K: number,
    alpha: number,
    A: F,
    lda: number,
    B: F,
    ldb: number,
    beta: number,
    C: F,
    ldc: number,
  ): void;
  /** `batch` gemms; item i reads A + i·strideA, B + i·strideB and writes C + i·strideC (stride 0 = shared) */
  gemmBatched(
    transA: boolean,
    transB: boolean,
    M: number,
    N: number,
    K: number,
    alpha: number,
    A: F,
    lda: number,
    strideA: number,
    B: F,
    ldb: number,
    strideB: number,
    beta: number,
    C: F,
    ldc: number,
    strideC: number,
    batch: number,
  ): void;

  /** out = a + b over n elements (out may alias a or b) */
  add(out: F, a: F, b: F, n: number): void;
  /** y += α·x over n elements */
  axpy(y: F, alpha: number, x: F, n: number): void;
  /** out = α·x over n elements (out may alias x) */
  scale(out: F, alpha: number, x: F, n: number): void;
  /** out = a ⊙ b over n elements (out may alias a or b) */
  mul(out: F, a: F, b: F, n: number): void;
  /** dBias[c] += Σ_r dOut[r, c]: the bias gradient of a linear layer, [R, C] → [C] */
  biasBackward(dBias: F, dOut: F, rows: number, cols: number): void;

  /** y = h / sqrt(mean(h²) + eps) with h = x + residual, per row of [R, D]; saves rstd [R] (y may alias x) */
  addRmsnormForward(y: F, rstd: F, x: F, residual: F, rows: number, dim: number, eps: number): void;
  /** dh for y = rms(h) from the saved y and rstd; dh is the gradient of both x and residual (dh may alias dy) */
  rmsnormBackward(dh: F, dy: F, y: F, rstd: F, rows: number, dim: number): void;

  /** out[R, I] = silu(gate) ⊙ up with gateUp [R, 2I] = [gate | up] */
  swigluForward(out: F, gateUp: F, rows: number, inter: number): void;
  /** dGateUp [R, 2I] from dOut [R, I] and the saved gateUp */
  swigluBackward(dGateUp: F, dOut: F, gateUp: F, rows: number, inter: number): void;

  /**
   * The post-norm SwiGLU MLP sublayer in one call: gateUp [R, 2I] = x·wGateUpᵀ, hidden [R, I] =
   * silu(gate) ⊙ up, y [R, D] = rms(x + hidden·wDownᵀ) with rstd [R] saved; exactly gemm, swigluForward,
   * gemm, addRmsnormForward in turn. No output may share memory with x or with another output.
   */
  mlpForward(
    y: F,
    rstd: F,
    gateUp: F,
    hidden: F,
    x: F,
    wGateUp: F,
    wDown: F,
    rows: number,
    dim: number,
    inter: number,
    eps: number,
  ): void;

  /** rotates q and k of qkv [B, T, 3·H·d] in place (half-split RoPE); cos, sin are [T, d/2] */
  ropeForward(qkv: F, cos: F, sin: F, batch: number, seq: number, heads: number, headDim: number): void;
  /** the inverse rotation, in place on the q and k gradients of dqkv [B, T, 3·H·d] */
  ropeBackward(dqkv: F, cos: F, sin: F, batch: number, seq: number, heads: number, headDim: number): void;

  /** out [B, T, H·d] = softmax(q·kᵀ/√d)·v per head, non-causal, from qkv [B, T, 3·H·d]; saves probs [B, H, T, T] */
  attentionForward(
    out: F,
    probs: F,
    qkv: F,
    batch: number,
    seq: number,
    heads: number,
    headDim: number,
  ): void;
  /** dqkv [B, T, 3·H·d] from dOut [B, T, H·d], the saved qkv and probs */
  attentionBackward(
    dqkv: F,
    dOut: F,
    qkv: F,
    probs: F,
    batch: number,
    seq: number,
    heads: number,
    headDim: number,
  ): void;

  /** y = softmax(x) per row of [R, C] (y may alias x) */
  softmaxForward(y: F, x: F, rows: number, cols: number): void;
  /** dx = y ⊙ (dy − Σ dy⊙y) per row (dx may alias dy) */
  softmaxBackward(dx: F, dy: F, y: F, rows: number, cols: number): void;

  /** out[i, :] = scale · weight[ids[i], :] for n ids into weight [V, D]; ids are range-checked */
  embeddingForward(out: F, weight: F, ids: Int32Array, n: number, dim: number, scale: number): void;
  /** dWeight[ids[i], :] += scale · dOut[i, :] (scatter-add; repeated ids sum) */
  embeddingBackward(dWeight: F, dOut: F, ids: Int32Array, n: number, dim: number, scale: number): void;

  /** losses[r] = −log stablemax(logits[r])[labels[r]] in f64, 0 where labels[r] = −100; logits [R, V] */
  stablemaxCrossEntropyForward(
    losses: Float64Array,
    logits: F,
    labels: Int32Array,
    rows: number,
    vocab: number,
  ): void;
  /** dLogits = ∂(Σ_r weights[r]·losses[r])/∂logits, f64 inside; ignored rows get 0 */
  stablemaxCrossEntropyBackward(
    dLogits: F,
    logits: F,
    labels: Int32Array,
    weights: Float64Array,
    rows: number,
    vocab: number,
  ): void;
  /** losses[r] = −log softmax(logits[r])[labels[r]] (f32 math as upstream), 0 where labels[r] = −100 */
  softmaxCrossEntropyForward(
    losses: Float64Array,
    logits: F,
    labels: Int32Array,
    rows: number,
    vocab: number,
  ): void;
  /** dLogits = ∂(Σ_r weights[r]·losses[r])/∂logits; ignored rows get 0 */
  softmaxCrossEntropyBackward(
    dLogits: F,
    logits: F,
    labels: Int32Array,
    weights: Float64Array,
    rows: number,
    vocab: number,
  ): void;

  /** out = 1 / (1 + e^−x) over n elements (out may alias x) */
  sigmoid(out: F, x: F, n: number): void;
  /** losses[i] = max(x,0) − x·t + log(1 + e^−|x|): binary cross entropy with logits x and targets t */
  bceWithLogitsForward(losses: Float64Array, logits: F, targets: F, n: number): void;
  /** dLogits[i] = weights[i]·(sigmoid(x) − t) */
  bceWithLogitsBackward(dLogits: F, logits: F, targets: F, weights: Float64Array, n: number): void;

  /**
   * One AdamATan2 step over n parameters in place (docs/hrm.md §7.3), step = t ≥ 1 after increment:
   * p ← p·(1 − lr·wd); m ← m + (1−β1)(g − m); v ← β2·v + (1−β2)·g²;
   * p ← p − lr/(1 − β1ᵗ)·atan2(m, sqrt(v)/sqrt(1 − β2ᵗ)). Moments are float32 state.
   */
  adamAtan2(
    p: F,
    g: F,
    m: F,
    v: F,
    n: number,
    lr: number,
    beta1: number,
    beta2: number,
    weightDecay: number,
    step: number,
  ): void;

  /** bf16 bits of each f32 value, round-to-nearest-even; NaN → quiet NaN, ±inf kept, overflow → ±inf */
  f32ToBf16(out: Uint16Array, x: Float32Array, n: number): void;
  /** f32 values of bf16 bits (exact) */
  bf16ToF32(out: Float32Array, x: Uint16Array, n: number): void;
}

/** The name of every op a backend implements. */
export type OpName = keyof KernelSignatures;

/** One backend's complete kernel table: `Record<OpName, Kernel>` with each kernel's own signature. */
export type Kernels<F extends FloatArray = Float32Array> = { [K in OpName]: KernelSignatures<F>[K] };

/** Every op name, in table order (for tests and docs that walk the table). */
export const OP_NAMES = [
  'gemm',
  'gemmBatched',
  'add',
  'axpy',
  'scale',
  'mul',
  'biasBackward',
  'addRmsnormForward',
  'rmsnormBackward',
  'swigluForward',
  'swigluBackward',
  'mlpForward',
  'ropeForward',
  'ropeBackward',
  'attentionForward',
  'attentionBackward',
  'softmaxForward',
  'softmaxBackward',
  'embeddingForward',
  'embeddingBackward',
  'stablemaxCrossEntropyForward',
  'stablemaxCrossEntropyBackward',
  'softmaxCrossEntropyForward',
  'softmaxCrossEntropyBackward',
  'sigmoid',
  'bceWithLogitsForward',
  'bceWithLogitsBackward',
  'adamAtan2',
  'f32ToBf16',
  'bf16ToF32',
] as const satisfies readonly OpName[];

// Compile-time check that OP_NAMES lists every op: a missing name makes this assignment a type error.
const allOpsListed: [Exclude<OpName, (typeof OP_NAMES)[number]>] extends [never] ? true : never = true;
void allOpsListed;

/** Label id that losses skip (upstream IGNORE_LABEL_ID). */
export const IGNORE_LABEL_ID = -100;

/**
 * Matrix products on tensors: `matmul` (2-D or batched 3-D, transposes as flags, strided row views) and
 * the linear layer y = x·Wᵀ (+ b) with its backward. Weights are [out, in] as in PyTorch's nn.Linear and
 * upstream's CastedLinear, so checkpoints load without transposing.
 *
 * Dims: R rows (all leading dims of x merged), In, Out features.
 */
import { kernels } from '../backend.ts';
import type { Tensor } from '../tensor.ts';
import { asRows, expectShape } from './checks.ts';

/** Options of `matmul`: out = α·op(a)·op(b) + β·out. */
export interface MatmulOptions {
  transA?: boolean;
  transB?: boolean;
  alpha?: number;
  /** 0 (default) overwrites out; 1 accumulates */
  beta?: number;
}

/**
 * out [M, N] = α·op(a)·op(b) + β·out, or batched over a leading dimension: any operand may be 3-D
 * [batch, rows, cols] (a 2-D operand is shared by every batch item). Rows may be strided (ld = strides[-2]).
 */
export function matmul(out: Tensor, a: Tensor, b: Tensor, options: MatmulOptions = {}): void {
  const { transA = false, transB = false, alpha = 1, beta = 0 } = options;
  const A = matrixOf('matmul', 'a', a);
  const B = matrixOf('matmul', 'b', b);
  const C = matrixOf('matmul', 'out', out);
  const [M, K] = transA ? [A.cols, A.rows] : [A.rows, A.cols];
  const [KB, N] = transB ? [B.cols, B.rows] : [B.rows, B.cols];
  if (K !== KB || C.rows !== M || C.cols !== N) {
    throw new RangeError(
      `matmul: op(a) is [${M}, ${K}], op(b) is [${KB}, ${N}], out is [${C.rows}, ${C.cols}]: shapes do not chain`,
    );
  }
  const batch = Math.max(A.batch, B.batch, C.batch);
  for (const [name, m] of [
    ['a', A],
    ['b', B],
    ['out', C],
  ] as const) {
    if (m.batch !== 1 && m.batch !== batch)
      throw new RangeError(`matmul: ${name} has batch ${m.batch}, others ${batch}`);
  }
  if (C.batch !== batch)
    throw new RangeError(`matmul: out has batch ${C.batch} but the product has ${batch}`);
  if (batch === 1 && A.batch === 1 && B.batch === 1) {
    kernels().gemm(transA, transB, M, N, K, alpha, a.data, A.ld, b.data, B.ld, beta, out.data, C.ld);
    return;
  }
  kernels().gemmBatched(
    transA,
    transB,
    M,
    N,
    K,
    alpha,
    a.data,
    A.ld,
    A.stride,
    b.data,
    B.ld,
    B.stride,
    beta,
    out.data,
    C.ld,
    C.stride,
    batch,
  );
}

/** y [..., Out] = x [..., In]·weightᵀ (+ bias [Out]); weight is [Out, In] */
export function linearForward(y: Tensor, x: Tensor, weight: Tensor, bias?: Tensor): void {
  const X = asRows('linearForward', 'x', x);
  const Y = asRows('linearForward', 'y', y);
  expectShape('linearForward', 'weight', weight, [Y.cols, X.cols]);
  if (X.rows !== Y.rows) throw new RangeError(`linearForward: x has ${X.rows} rows, y has ${Y.rows}`);
  const k = kernels();
  k.gemm(
    false,
    true,
    X.rows,
    Y.cols,
    X.cols,
    1,
    x.data,
    X.ld,
    weight.data,
    weight.strides[0]!,
    0,
    y.data,
    Y.ld,
  );
  if (bias !== undefined) {
    expectShape('linearForward', 'bias', bias, [Y.cols]);
    for (let r = 0; r < Y.rows; r++)
      k.add(y.data.subarray(r * Y.ld), y.data.subarray(r * Y.ld), bias.data, Y.cols);
  }
}

/** Gradient outputs of `linearBackward`; pass only those you need. */
export interface LinearGrads {
  /** dx [..., In]: overwritten, or accumulated with `accumulateDx` */
  dx?: Tensor;
  /** dWeight [Out, In]: accumulated (+=), like PyTorch's .grad; zero it once per step */
  dWeight?: Tensor;
  /** dBias [Out]: accumulated (+=) */
  dBias?: Tensor;
  /** add into dx instead of overwriting it (x feeds several paths) */
  accumulateDx?: boolean;
}

// y = x·Wᵀ + b:  dx = dy·W,  dW += dyᵀ·x,  db += Σ_rows dy
/** backward of `linearForward` from dy [..., Out], the saved input x and the weight */
export function linearBackward(grads: LinearGrads, dy: Tensor, x: Tensor, weight: Tensor): void {
  const X = asRows('linearBackward', 'x', x);
  const DY = asRows('linearBackward', 'dy', dy);
  expectShape('linearBackward', 'weight', weight, [DY.cols, X.cols]);
  if (X.rows !== DY.rows) throw new RangeError(`linearBackward: x has ${X.rows} rows, dy has ${DY.rows}`);
  const k = kernels();
  if (grads.dx !== undefined) {
    const DX = asRows('linearBackward', 'dx', grads.dx);
    if (DX.rows !== X.rows || DX.cols !== X.cols) {
      throw new RangeError(`linearBackward: dx is [${DX.rows}, ${DX.cols}], x is [${X.rows}, ${X.cols}]`);
    }
    k.gemm(
      false,
      false,
      X.rows,
      X.cols,
      DY.cols,
      1,
      dy.data,
      DY.ld,
      weight.data,
      weight.strides[0]!,
      grads.accumulateDx ? 1 : 0,
      grads.dx.data,
      DX.ld,
    );
  }
  if (grads.dWeight !== undefined) {
    expectShape('linearBackward', 'dWeight', grads.dWeight, [DY.cols, X.cols]);
    k.gemm(
      true,
      false,
      DY.cols,
      X.cols,
      X.rows,
      1,
      dy.data,
      DY.ld,
      x.data,
      X.ld,
      1,
      grads.dWeight.data,
      grads.dWeight.strides[0]!,
    );
  }
  if (grads.dBias !== undefined) {
    expectShape('linearBackward', 'dBias', grads.dBias, [DY.cols]);
    if (DY.ld === DY.cols) k.biasBackward(grads.dBias.data, dy.data, DY.rows, DY.cols);
    else
      for (let r = 0; r < DY.rows; r++)
        k.biasBackward(grads.dBias.data, dy.data.subarray(r * DY.ld), 1, DY.cols);
  }
}

interface MatrixView {
  batch: number;
  rows: number;
  cols: number;
  ld: number;
  /** elements between batch items; 0 when shared */
  stride: number;
}

function matrixOf(op: string, name: string, t: Tensor): MatrixView {
  if (t.rank !== 2 && t.rank !== 3)
    throw new RangeError(`${op}: ${name} must be 2-D or 3-D, got [${t.shape}]`);
  const r = t.rank;
  const cols = t.shape[r - 1]!;
  if (cols > 1 && t.strides[r - 1] !== 1) {
    throw new RangeError(`${op}: ${name} needs unit stride in its last dimension (strides [${t.strides}])`);
  }
  const rows = t.shape[r - 2]!;
  const ld = rows > 1 ? t.strides[r - 2]! : Math.max(cols, 1);
  if (ld < cols) throw new RangeError(`${op}: ${name} rows overlap (row stride ${ld} < ${cols} columns)`);
  return r === 2
    ? { batch: 1, rows, cols, ld, stride: 0 }
    : { batch: t.shape[0]!, rows, cols, ld, stride: t.strides[0]! };
}

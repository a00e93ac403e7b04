/**
 * Tensor-level entry points of the fused transformer-block kernels HRM uses (docs/hrm.md §4.2–4.5):
 * residual add + RMSNorm, SwiGLU, the whole MLP sublayer, RoPE, non-causal attention over a packed qkv
 * buffer and row softmax.
 * Each checks shapes, then calls the active backend; the math lives beside the reference kernels in
 * `tensor/reference/`. All tensors here must be contiguous.
 *
 * Dims: R rows (leading dims merged), D model dim, I SwiGLU inner size, B batch, T sequence, H heads,
 * d head dim.
 */
import { kernels } from '../backend.ts';
import type { Tensor } from '../tensor.ts';
import { expectContiguous, expectDense, lastDim } from './checks.ts';

/** y [..., D] = rms(x + residual) with rstd [R] saved for the backward; y may be x itself */
export function addRmsnormForward(y: Tensor, rstd: Tensor, x: Tensor, residual: Tensor, eps: number): void {
  const D = lastDim('addRmsnormForward', 'x', x);
  const rows = x.size / Math.max(D, 1);
  for (const [name, t] of [
    ['y', y],
    ['residual', residual],
  ] as const)
    expectDense('addRmsnormForward', name, t, x.shape);
  expectContiguous('addRmsnormForward', 'x', x);
  expectDense('addRmsnormForward', 'rstd', rstd, [rows]);
  kernels().addRmsnormForward(y.data, rstd.data, x.data, residual.data, rows, D, eps);
}

/** dh [..., D] (the gradient of x and of residual) from dy and the saved y, rstd; dh may be dy itself */
export function rmsnormBackward(dh: Tensor, dy: Tensor, y: Tensor, rstd: Tensor): void {
  const D = lastDim('rmsnormBackward', 'y', y);
  const rows = y.size / Math.max(D, 1);
  expectContiguous('rmsnormBackward', 'y', y);
  for (const [name, t] of [
    ['dh', dh],
    ['dy', dy],
  ] as const)
    expectDense('rmsnormBackward', name, t, y.shape);
  expectDense('rmsnormBackward', 'rstd', rstd, [rows]);
  kernels().rmsnormBackward(dh.data, dy.data, y.data, rstd.data, rows, D);
}

/** out [..., I] = silu(gate) ⊙ up from gateUp [..., 2I] = [gate | up] */
export function swigluForward(out: Tensor, gateUp: Tensor): void {
  const { rows, inter } = swigluDims('swigluForward', out, gateUp);
  kernels().swigluForward(out.data, gateUp.data, rows, inter);
}

/** dGateUp [..., 2I] from dOut [..., I] and the saved gateUp */
export function swigluBackward(dGateUp: Tensor, dOut: Tensor, gateUp: Tensor): void {
  const { rows, inter } = swigluDims('swigluBackward', dOut, gateUp);
  expectDense('swigluBackward', 'dGateUp', dGateUp, gateUp.shape);
  kernels().swigluBackward(dGateUp.data, dOut.data, gateUp.data, rows, inter);
}

/**
 * The post-norm SwiGLU MLP sublayer in one call, over x [..., D] with wGateUp [2I, D] and wDown [D, I]:
 * y = rms(x + swiglu(x·wGateUpᵀ)·wDownᵀ). Saves gateUp [..., 2I], hidden [..., I] and rstd [R] for the
 * separate ops' backward. y must not be x (the native kernel reads x until it writes y, block by block).
 */
export function mlpForward(
  y: Tensor,
  rstd: Tensor,
  gateUp: Tensor,
  hidden: Tensor,
  x: Tensor,
  wGateUp: Tensor,
  wDown: Tensor,
  eps: number,
): void {
  const op = 'mlpForward';
  const D = lastDim(op, 'x', x);
  expectContiguous(op, 'x', x);
  const lead = x.shape.slice(0, -1);
  const rows = x.size / Math.max(D, 1);
  const I = lastDim(op, 'wDown', wDown);
  expectDense(op, 'wGateUp', wGateUp, [2 * I, D]);
  expectDense(op, 'wDown', wDown, [D, I]);
  expectDense(op, 'y', y, x.shape);
  expectDense(op, 'rstd', rstd, [rows]);
  expectDense(op, 'gateUp', gateUp, [...lead, 2 * I]);
  expectDense(op, 'hidden', hidden, [...lead, I]);
  if (y.data.buffer === x.data.buffer && y.data.byteOffset === x.data.byteOffset) {
    throw new RangeError(`${op}: y must not be x`);
  }
  kernels().mlpForward(
    y.data,
    rstd.data,
    gateUp.data,
    hidden.data,
    x.data,
    wGateUp.data,
    wDown.data,
    rows,
    D,
    I,
    eps,
  );
}

/** RoPE cos/sin tables [T, d/2] (from `ropeTables`). */
export interface RopeTables {
  cos: Float32Array;
  sin: Float32Array;
}

/** rotates q and k of qkv [B, T, 3·H·d] in place with tables covering T positions */
export function ropeForward(qkv: Tensor, tables: RopeTables, heads: number): void {
  const { B, T, d } = qkvDims('ropeForward', qkv, heads);
  checkTables('ropeForward', tables, T, d);
  kernels().ropeForward(qkv.data, tables.cos, tables.sin, B, T, heads, d);
}

/** in place on dqkv [B, T, 3·H·d]: gradients of rotated q, k become gradients of unrotated q, k */
export function ropeBackward(dqkv: Tensor, tables: RopeTables, heads: number): void {
  const { B, T, d } = qkvDims('ropeBackward', dqkv, heads);
  checkTables('ropeBackward', tables, T, d);
  kernels().ropeBackward(dqkv.data, tables.cos, tables.sin, B, T, heads, d);
}

/** out [B, T, H·d] = non-causal softmax attention, scale 1/√d; probs [B, H, T, T] saved for the backward */
export function attentionForward(out: Tensor, probs: Tensor, qkv: Tensor, heads: number): void {
  const { B, T, d } = qkvDims('attentionForward', qkv, heads);
  expectDense('attentionForward', 'out', out, [B, T, heads * d]);
  expectDense('attentionForward', 'probs', probs, [B, heads, T, T]);
  kernels().attentionForward(out.data, probs.data, qkv.data, B, T, heads, d);
}

/** dqkv [B, T, 3·H·d] (overwritten) from dOut [B, T, H·d] and the saved qkv (after RoPE) and probs */
export function attentionBackward(
  dqkv: Tensor,
  dOut: Tensor,
  qkv: Tensor,
  probs: Tensor,
  heads: number,
): void {
  const { B, T, d } = qkvDims('attentionBackward', qkv, heads);
  expectDense('attentionBackward', 'dqkv', dqkv, qkv.shape);
  expectDense('attentionBackward', 'dOut', dOut, [B, T, heads * d]);
  expectDense('attentionBackward', 'probs', probs, [B, heads, T, T]);
  kernels().attentionBackward(dqkv.data, dOut.data, qkv.data, probs.data, B, T, heads, d);
}

/** y = softmax over the last dimension; y may be x itself */
export function softmaxForward(y: Tensor, x: Tensor): void {
  const C = lastDim('softmaxForward', 'x', x);
  expectContiguous('softmaxForward', 'x', x);
  expectDense('softmaxForward', 'y', y, x.shape);
  kernels().softmaxForward(y.data, x.data, x.size / Math.max(C, 1), C);
}

/** dx from dy and the saved softmax output y; dx may be dy itself */
export function softmaxBackward(dx: Tensor, dy: Tensor, y: Tensor): void {
  const C = lastDim('softmaxBackward', 'y', y);
  expectContiguous('softmaxBackward', 'y', y);
  expectDense('softmaxBackward', 'dx', dx, y.shape);
  expectDense('softmaxBackward', 'dy', dy, y.shape);
  kernels().softmaxBackward(dx.data, dy.data, y.data, y.size / Math.max(C, 1), C);
}

function swigluDims(op: string, out: Tensor, gateUp: Tensor): { rows: number; inter: number } {
  const twoI = lastDim(op, 'gateUp', gateUp);
  if (twoI % 2 !== 0) throw new RangeError(`${op}: gateUp's last dimension ${twoI} is not even`);
  expectContiguous(op, 'gateUp', gateUp);
  expectDense(op, 'out', out, [...gateUp.shape.slice(0, -1), twoI / 2]);
  return { rows: gateUp.size / Math.max(twoI, 1), inter: twoI / 2 };
}

function qkvDims(op: string, qkv: Tensor, heads: number): { B: number; T: number; d: number } {
  if (qkv.rank !== 3) throw new RangeError(`${op}: qkv must be [B, T, 3·H·d], got [${qkv.shape}]`);
  expectContiguous(op, 'qkv', qkv);
  const width = qkv.shape[2]!;
  if (!Number.isInteger(heads) || heads < 1 || width % (3 * heads) !== 0) {
    throw new RangeError(`${op}: qkv width ${width} is not 3 × ${heads} heads × head dim`);
  }
  return { B: qkv.shape[0]!, T: qkv.shape[1]!, d: width / (3 * heads) };
}

function checkTables(op: string, tables: RopeTables, seq: number, headDim: number): void {
  if (headDim % 2 !== 0) throw new RangeError(`${op}: head dim ${headDim} must be even for RoPE`);
  const need = (seq * headDim) / 2;
  if (tables.cos.length < need || tables.sin.length < need) {
    throw new RangeError(
      `${op}: RoPE tables hold ${tables.cos.length} values, need ${need} ([${seq}, ${headDim / 2}])`,
    );
  }
}

/**
 * One HRM transformer block (docs/hrm.md §4.3–4.5: qkv projection, RoPE, non-causal attention, o_proj,
 * residual + RMSNorm, SwiGLU MLP, residual + RMSNorm) written directly on a kernel table, forward and
 * backward, with every buffer allocated once. The benchmark times it per op; the same code runs on the
 * native and the TS backend, so their outputs can be compared.
 *
 * Dims: B batch, T positions, D hidden, H heads, d head dim, I SwiGLU inner size, R = B·T rows.
 */
import type { Kernels } from '../../src/tensor/index.ts';
import { Rng, ropeTables, truncNormal } from '../../src/tensor/index.ts';

/** Shape of one block. */
export interface BlockShape {
  B: number;
  T: number;
  D: number;
  H: number;
  I: number;
}

/** Matmul FLOPs of one forward (backward = 2×): 2·R·(4D² + 3·D·I) + 4·B·T²·D, as docs/engine.md §7. */
export function blockForwardFlops({ B, T, D, I }: BlockShape): number {
  return 2 * B * T * (4 * D * D + 3 * D * I) + 4 * B * T * T * D;
}

/** All buffers of one block: weights, their gradients, activations and activation gradients. */
export function allocateBlock(s: BlockShape, seed = 1) {
  const { B, T, D, H, I } = s;
  const R = B * T;
  const rng = new Rng(seed);
  const weight = (out: number, inp: number) => {
    const w = new Float32Array(out * inp);
    truncNormal(w, 1 / Math.sqrt(inp), rng);
    return w;
  };
  const input = new Float32Array(R * D);
  truncNormal(input, 1, rng);
  const dOutput = new Float32Array(R * D);
  truncNormal(dOutput, 1, rng);
  const f = (n: number) => new Float32Array(n);
  return {
    shape: s,
    rope: ropeTables(T, D / H, 10000),
    w: { qkv: weight(3 * D, D), o: weight(D, D), gu: weight(2 * I, D), down: weight(D, I) },
    dw: { qkv: f(3 * D * D), o: f(D * D), gu: f(2 * I * D), down: f(D * I) },
    x: input,
    dy: dOutput,
    a: {
      qkv: f(R * 3 * D),
      probs: f(B * H * T * T),
      heads: f(R * D),
      o: f(R * D),
      x1: f(R * D),
      rstd1: f(R),
    },
    m: { gu: f(R * 2 * I), act: f(R * I), down: f(R * D), x2: f(R * D), rstd2: f(R) },
    g: {
      dh2: f(R * D),
      dact: f(R * I),
      dgu: f(R * 2 * I),
      dx1: f(R * D),
      dheads: f(R * D),
      dqkv: f(R * 3 * D),
      dx: f(R * D),
    },
  };
}

/** Buffers of one block, as `allocateBlock` returns them. */
export type Block = ReturnType<typeof allocateBlock>;

/** Called around every kernel with its label, so a caller can time ops; the default does nothing. */
export type OpTimer = (label: string, run: () => void) => void;

const untimed: OpTimer = (_label, run) => run();

/** forward then backward of the block; output in b.m.x2, input gradient in b.g.dx, weight grads in b.dw */
export function blockStep(k: Kernels, b: Block, time: OpTimer = untimed): void {
  const { B, T, D, H, I } = b.shape;
  const R = B * T;
  const d = D / H;
  const { w, dw, a, m, g } = b;
  // forward
  time('gemm', () => k.gemm(false, true, R, 3 * D, D, 1, b.x, D, w.qkv, D, 0, a.qkv, 3 * D));
  time('rope', () => k.ropeForward(a.qkv, b.rope.cos, b.rope.sin, B, T, H, d));
  time('attention', () => k.attentionForward(a.heads, a.probs, a.qkv, B, T, H, d));
  time('gemm', () => k.gemm(false, true, R, D, D, 1, a.heads, D, w.o, D, 0, a.o, D));
  time('rmsnorm', () => k.addRmsnormForward(a.x1, a.rstd1, b.x, a.o, R, D, 1e-5));
  time('gemm', () => k.gemm(false, true, R, 2 * I, D, 1, a.x1, D, w.gu, D, 0, m.gu, 2 * I));
  time('swiglu', () => k.swigluForward(m.act, m.gu, R, I));
  time('gemm', () => k.gemm(false, true, R, D, I, 1, m.act, I, w.down, I, 0, m.down, D));
  time('rmsnorm', () => k.addRmsnormForward(m.x2, m.rstd2, a.x1, m.down, R, D, 1e-5));
  // backward
  time('rmsnorm', () => k.rmsnormBackward(g.dh2, b.dy, m.x2, m.rstd2, R, D));
  time('gemm', () => k.gemm(true, false, D, I, R, 1, g.dh2, D, m.act, I, 1, dw.down, I));
  time('gemm', () => k.gemm(false, false, R, I, D, 1, g.dh2, D, w.down, I, 0, g.dact, I));
  time('swiglu', () => k.swigluBackward(g.dgu, g.dact, m.gu, R, I));
  time('gemm', () => k.gemm(true, false, 2 * I, D, R, 1, g.dgu, 2 * I, a.x1, D, 1, dw.gu, D));
  g.dx1.set(g.dh2);
  time('gemm', () => k.gemm(false, false, R, D, 2 * I, 1, g.dgu, 2 * I, w.gu, D, 1, g.dx1, D));
  time('rmsnorm', () => k.rmsnormBackward(g.dx1, g.dx1, a.x1, a.rstd1, R, D));
  time('gemm', () => k.gemm(true, false, D, D, R, 1, g.dx1, D, a.heads, D, 1, dw.o, D));
  time('gemm', () => k.gemm(false, false, R, D, D, 1, g.dx1, D, w.o, D, 0, g.dheads, D));
  time('attention', () => k.attentionBackward(g.dqkv, g.dheads, a.qkv, a.probs, B, T, H, d));
  time('rope', () => k.ropeBackward(g.dqkv, b.rope.cos, b.rope.sin, B, T, H, d));
  time('gemm', () => k.gemm(true, false, 3 * D, D, R, 1, g.dqkv, 3 * D, b.x, D, 1, dw.qkv, D));
  g.dx.set(g.dx1);
  time('gemm', () => k.gemm(false, false, R, D, 3 * D, 1, g.dqkv, 3 * D, w.qkv, D, 1, g.dx, D));
}

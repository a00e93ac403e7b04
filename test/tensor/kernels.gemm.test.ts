// gemm and batched gemm: the linear layer's backward formulas checked by finite differences (f64), then
// both backends against the f64 reference on odd shapes, every transpose combination, strided rows,
// α/β, shared (stride 0) operands and empty extents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referenceKernels as ref } from '../../src/tensor/index.ts';
import { Rng } from '../../src/tensor/random.ts';
import { backendsUnderTest, gradCheck, parity, randomF64 } from './helpers.ts';

it('linear y = x·Wᵀ: dx = dy·W and dW = dyᵀ·x match finite differences (f64)', () => {
  const rng = new Rng(1);
  const [R, In, Out] = [5, 7, 3];
  const x = randomF64(rng, R * In);
  const w = randomF64(rng, Out * In);
  const y = new Float64Array(R * Out);
  gradCheck({
    what: 'linear',
    inputs: { x, w },
    forward: () => {
      ref.gemm(false, true, R, Out, In, 1, x, In, w, In, 0, y, Out);
      return y;
    },
    backward: (dy) => {
      const dx = new Float64Array(R * In);
      const dw = new Float64Array(Out * In);
      ref.gemm(false, false, R, In, Out, 1, dy, Out, w, In, 0, dx, In);
      ref.gemm(true, false, Out, In, R, 1, dy, Out, x, In, 0, dw, In);
      return { x: dx, w: dw };
    },
  });
});

for (const b of backendsUnderTest()) {
  describe(`gemm matches the f64 reference [${b.name}]`, { skip: b.skip }, () => {
    const rng = new Rng(5);
    it('every transpose combination on odd shapes, with padded row strides, α and β', () => {
      const { kernels: k } = b.get();
      for (const [M, N, K] of [
        [1, 1, 1],
        [3, 5, 7],
        [17, 9, 33],
        [65, 130, 31],
      ] as const) {
        for (const ta of [false, true]) {
          for (const tb of [false, true]) {
            for (const [alpha, beta] of [
              [1, 0],
              [0.5, 1],
              [-2, 0.25],
            ] as const) {
              const [ar, ac] = ta ? [K, M] : [M, K];
              const [br, bc] = tb ? [N, K] : [K, N];
              const [lda, ldb, ldc] = [ac + 3, bc + 1, N + 2];
              const A = randomF64(rng, ar * lda);
              const B = randomF64(rng, br * ldb);
              const C0 = randomF64(rng, M * ldc);
              parity(
                k,
                `gemm ${M}x${N}x${K} ta=${ta} tb=${tb} α=${alpha} β=${beta}`,
                [A, B, C0],
                [M * ldc],
                (kk, [a, bb, c0], [c]) => {
                  c!.set(c0!);
                  kk.gemm(ta, tb, M, N, K, alpha, a!, lda, bb!, ldb, beta, c!, ldc);
                },
              );
            }
          }
        }
      }
    });

    it('β = 0 overwrites C even when it holds NaN; K = 0 scales C by β', () => {
      const { kernels: k } = b.get();
      const C = new Float32Array(6).fill(Number.NaN);
      k.gemm(
        false,
        false,
        2,
        3,
        2,
        1,
        new Float32Array([1, 2, 3, 4]),
        2,
        new Float32Array([1, 0, 0, 0, 1, 0]),
        3,
        0,
        C,
        3,
      );
      assert.deepEqual(Array.from(C), [1, 2, 0, 3, 4, 0]);
      const D = new Float32Array([1, 2, 3, 4]);
      k.gemm(false, false, 2, 2, 0, 1, new Float32Array(0), 1, new Float32Array(0), 2, 0.5, D, 2);
      assert.deepEqual(Array.from(D), [0.5, 1, 1.5, 2]);
    });

    it('batched: per-item strides, a shared (stride 0) operand, strided head views', () => {
      const { kernels: k } = b.get();
      for (const [batch, M, N, K] of [
        [1, 2, 3, 4],
        [5, 7, 3, 9],
        [8, 33, 17, 16],
      ] as const) {
        for (const [ta, tb] of [
          [false, true],
          [true, false],
          [false, false],
        ] as const) {
          // A items interleaved like heads in a qkv row (stride K, row stride batch·K); B shared
          const [ar, ac] = ta ? [K, M] : [M, K];
          const [br, bc] = tb ? [N, K] : [K, N];
          const lda = ac * batch;
          const A = randomF64(rng, ar * lda);
          const B = randomF64(rng, br * bc);
          const n = batch * M * N;
          parity(k, `batched ${batch}x${M}x${N}x${K} ta=${ta} tb=${tb}`, [A, B], [n], (kk, [a, bb], [c]) => {
            kk.gemmBatched(ta, tb, M, N, K, 1.5, a!, lda, ac, bb!, bc, 0, 0, c!, N, M * N, batch);
          });
        }
      }
    });
  });
}

// The fused transformer-block kernels (RMSNorm, SwiGLU, the MLP sublayer, RoPE, attention, softmax):
// finite-difference gradient checks of the f64 reference, then each backend against that reference on odd
// shapes (the MLP sublayer also against the separate ops it fuses).
import { describe, it } from 'node:test';
import { referenceKernels as ref, ropeTables } from '../../src/tensor/index.ts';
import { Rng } from '../../src/tensor/random.ts';
import { assertClose, backendsUnderTest, f64, gradCheck, parity, randomF64 } from './helpers.ts';

describe('finite-difference gradients of the reference (f64)', () => {
  it('residual add + RMSNorm', () => {
    const rng = new Rng(1);
    const [R, D] = [3, 7];
    const x = randomF64(rng, R * D, 2);
    const res = randomF64(rng, R * D);
    const y = new Float64Array(R * D);
    const rstd = new Float64Array(R);
    gradCheck({
      what: 'rmsnorm',
      inputs: { x, res },
      forward: () => {
        ref.addRmsnormForward(y, rstd, x, res, R, D, 1e-5);
        return y;
      },
      backward: (dy) => {
        ref.addRmsnormForward(y, rstd, x, res, R, D, 1e-5);
        const dh = new Float64Array(R * D);
        ref.rmsnormBackward(dh, dy, y, rstd, R, D);
        return { x: dh, res: dh };
      },
    });
  });

  it('SwiGLU', () => {
    const rng = new Rng(2);
    const [R, I] = [3, 5];
    const gateUp = randomF64(rng, R * 2 * I, 3);
    const out = new Float64Array(R * I);
    gradCheck({
      what: 'swiglu',
      inputs: { gateUp },
      forward: () => {
        ref.swigluForward(out, gateUp, R, I);
        return out;
      },
      backward: (dOut) => {
        const d = new Float64Array(R * 2 * I);
        ref.swigluBackward(d, dOut, gateUp, R, I);
        return { gateUp: d };
      },
    });
  });

  it('RoPE', () => {
    const rng = new Rng(3);
    const [B, T, H, d] = [2, 5, 2, 6];
    const tables = ropeTables(T, d, 10000);
    const [cos, sin] = [f64(tables.cos), f64(tables.sin)];
    const qkv = randomF64(rng, B * T * 3 * H * d);
    const work = new Float64Array(qkv.length);
    gradCheck({
      what: 'rope',
      inputs: { qkv },
      forward: () => {
        work.set(qkv);
        ref.ropeForward(work, cos, sin, B, T, H, d);
        return work;
      },
      backward: (dOut) => {
        const d2 = Float64Array.from(dOut);
        ref.ropeBackward(d2, cos, sin, B, T, H, d);
        // v passes through untouched: its gradient is dOut itself, which ropeBackward leaves as is
        return { qkv: d2 };
      },
    });
  });

  it('non-causal attention over packed qkv', () => {
    const rng = new Rng(4);
    const [B, T, H, d] = [2, 5, 3, 4];
    const qkv = randomF64(rng, B * T * 3 * H * d, 1.5);
    const out = new Float64Array(B * T * H * d);
    const probs = new Float64Array(B * H * T * T);
    gradCheck({
      what: 'attention',
      inputs: { qkv },
      samples: 40,
      forward: () => {
        ref.attentionForward(out, probs, qkv, B, T, H, d);
        return out;
      },
      backward: (dOut) => {
        ref.attentionForward(out, probs, qkv, B, T, H, d);
        const dqkv = new Float64Array(qkv.length);
        ref.attentionBackward(dqkv, dOut, qkv, probs, B, T, H, d);
        return { qkv: dqkv };
      },
    });
  });

  it('row softmax', () => {
    const rng = new Rng(5);
    const [R, C] = [4, 9];
    const x = randomF64(rng, R * C, 4);
    const y = new Float64Array(R * C);
    gradCheck({
      what: 'softmax',
      inputs: { x },
      forward: () => {
        ref.softmaxForward(y, x, R, C);
        return y;
      },
      backward: (dy) => {
        ref.softmaxForward(y, x, R, C);
        const dx = new Float64Array(R * C);
        ref.softmaxBackward(dx, dy, y, R, C);
        return { x: dx };
      },
    });
  });
});

for (const b of backendsUnderTest()) {
  describe(`fused block kernels match the f64 reference [${b.name}]`, { skip: b.skip }, () => {
    const rng = new Rng(11);
    it('addRmsnormForward / rmsnormBackward on odd shapes', () => {
      const { kernels: k } = b.get();
      for (const [R, D] of [
        [1, 1],
        [7, 33],
        [5, 515],
      ] as const) {
        const [x, res, dy] = [randomF64(rng, R * D, 3), randomF64(rng, R * D), randomF64(rng, R * D)];
        parity(
          k,
          `rmsnorm ${R}x${D}`,
          [x, res, dy],
          [R * D, R, R * D],
          (kk, [x1, r1, dy1], [y, rstd, dh]) => {
            kk.addRmsnormForward(y!, rstd!, x1!, r1!, R, D, 1e-5);
            kk.rmsnormBackward(dh!, dy1!, y!, rstd!, R, D);
          },
        );
      }
    });

    it('swigluForward / swigluBackward on odd shapes', () => {
      const { kernels: k } = b.get();
      for (const [R, I] of [
        [1, 1],
        [3, 37],
        [9, 257],
      ] as const) {
        const [gu, dOut] = [randomF64(rng, R * 2 * I, 6), randomF64(rng, R * I)];
        parity(k, `swiglu ${R}x${I}`, [gu, dOut], [R * I, R * 2 * I], (kk, [g, d], [out, dg]) => {
          kk.swigluForward(out!, g!, R, I);
          kk.swigluBackward(dg!, d!, g!, R, I);
        });
      }
    });

    it('mlpForward on odd shapes, one row block and several (≥ 16 MFLOP)', () => {
      const { kernels: k } = b.get();
      for (const [R, D, I] of [
        [1, 1, 1],
        [7, 33, 19],
        [301, 64, 160],
      ] as const) {
        const ins = [
          randomF64(rng, R * D, 2),
          randomF64(rng, 2 * I * D, 1 / Math.sqrt(D)),
          randomF64(rng, D * I, 1 / Math.sqrt(I)),
        ];
        parity(
          k,
          `mlp ${R}x${D}x${I}`,
          ins,
          [R * D, R, R * 2 * I, R * I],
          (kk, [x, wgu, wd], [y, rstd, gu, h]) => {
            kk.mlpForward(y!, rstd!, gu!, h!, x!, wgu!, wd!, R, D, I, 1e-5);
          },
          { atol: 2e-5, rtol: 1e-4 },
        );
      }
    });

    it('mlpForward gives what gemm, swigluForward, gemm and addRmsnormForward give in turn', () => {
      const { kernels: k } = b.get();
      const [R, D, I] = [301, 64, 160];
      const [x, wgu, wd] = [
        Float32Array.from(randomF64(rng, R * D, 2)),
        Float32Array.from(randomF64(rng, 2 * I * D, 0.1)),
        Float32Array.from(randomF64(rng, D * I, 0.1)),
      ];
      const fused = [R * D, R, R * 2 * I, R * I].map((n) => new Float32Array(n));
      const [y, rstd, gu, h] = fused as [Float32Array, Float32Array, Float32Array, Float32Array];
      k.mlpForward(y, rstd, gu, h, x, wgu, wd, R, D, I, 1e-5);
      const steps = [R * D, R, R * 2 * I, R * I].map((n) => new Float32Array(n));
      const [y2, rstd2, gu2, h2] = steps as [Float32Array, Float32Array, Float32Array, Float32Array];
      k.gemm(false, true, R, 2 * I, D, 1, x, D, wgu, D, 0, gu2, 2 * I);
      k.swigluForward(h2, gu2, R, I);
      k.gemm(false, true, R, D, I, 1, h2, I, wd, I, 0, y2, D);
      k.addRmsnormForward(y2, rstd2, y2, x, R, D, 1e-5);
      for (const [i, name] of ['y', 'rstd', 'gateUp', 'hidden'].entries()) {
        assertClose(fused[i]!, steps[i]!, `mlpForward ${name}`, { atol: 1e-6, rtol: 1e-6 });
      }
    });

    it('ropeForward / ropeBackward on odd shapes', () => {
      const { kernels: k } = b.get();
      for (const [B, T, H, d] of [
        [1, 1, 1, 2],
        [3, 7, 3, 10],
        [2, 17, 4, 16],
      ] as const) {
        const { cos, sin } = ropeTables(T, d, 10000);
        const n = B * T * 3 * H * d;
        parity(
          k,
          `rope ${B}x${T}x${H}x${d}`,
          [randomF64(rng, n), randomF64(rng, n)],
          [n, n],
          (kk, [x, g], [y, dx]) => {
            y!.set(x!);
            dx!.set(g!);
            const [c, s] = kk === ref ? [f64(cos), f64(sin)] : [cos, sin];
            kk.ropeForward(y!, c, s, B, T, H, d);
            kk.ropeBackward(dx!, c, s, B, T, H, d);
          },
        );
      }
    });

    it('attentionForward / attentionBackward on odd shapes', () => {
      const { kernels: k } = b.get();
      for (const [B, T, H, d] of [
        [1, 1, 1, 1],
        [2, 7, 3, 5],
        [3, 19, 2, 16],
        [1, 70, 4, 32],
        [2, 9, 2, 64],
        [1, 6, 1, 80],
      ] as const) {
        const n = B * T * 3 * H * d;
        const o = B * T * H * d;
        parity(
          k,
          `attention ${B}x${T}x${H}x${d}`,
          [randomF64(rng, n, 1.5), randomF64(rng, o)],
          [o, B * H * T * T, n],
          (kk, [qkv, dOut], [out, probs, dqkv]) => {
            kk.attentionForward(out!, probs!, qkv!, B, T, H, d);
            kk.attentionBackward(dqkv!, dOut!, qkv!, probs!, B, T, H, d);
          },
        );
      }
    });

    it('softmaxForward / softmaxBackward on odd shapes, including large logits', () => {
      const { kernels: k } = b.get();
      for (const [R, C, scale] of [
        [1, 1, 1],
        [5, 33, 30],
        [3, 1000, 80],
      ] as const) {
        const [x, dy] = [randomF64(rng, R * C, scale), randomF64(rng, R * C)];
        parity(k, `softmax ${R}x${C}`, [x, dy], [R * C, R * C], (kk, [x1, d1], [y, dx]) => {
          kk.softmaxForward(y!, x1!, R, C);
          kk.softmaxBackward(dx!, d1!, y!, R, C);
        });
      }
    });
  });
}

// Elementwise kernels, the bias gradient and the embedding gather / scatter-add: finite differences of
// the f64 reference, then both backends against it on odd sizes; bad ids are RangeErrors on both.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referenceKernels as ref } from '../../src/tensor/index.ts';
import { Rng } from '../../src/tensor/random.ts';
import { backendsUnderTest, gradCheck, parity, randomF64 } from './helpers.ts';

describe('finite-difference gradients of the reference (f64)', () => {
  it('add, mul, scale and axpy: y = 0.5·(a + b) ⊙ b + 2·a gives dA = 0.5·dy⊙b + 2·dy, dB = dy⊙(a + 2b)·0.5', () => {
    const n = 7;
    const rng = new Rng(8);
    const [a, b] = [randomF64(rng, n), randomF64(rng, n)];
    const [sum, y] = [new Float64Array(n), new Float64Array(n)];
    gradCheck({
      what: 'elementwise',
      inputs: { a, b },
      forward: () => {
        ref.add(sum, a, b, n); // a + b
        ref.mul(y, sum, b, n); // (a + b) ⊙ b
        ref.scale(y, 0.5, y, n); // in place
        ref.axpy(y, 2, a, n); // + 2a
        return y;
      },
      backward: (dy) => {
        const [da, db] = [new Float64Array(n), new Float64Array(n)];
        for (let i = 0; i < n; i++) {
          da[i] = 0.5 * dy[i]! * b[i]! + 2 * dy[i]!;
          db[i] = 0.5 * dy[i]! * (a[i]! + 2 * b[i]!);
        }
        return { a: da, b: db };
      },
    });
  });

  it('sigmoid: dσ/dx = σ(1 − σ)', () => {
    const x = randomF64(new Rng(1), 9, 6);
    const y = new Float64Array(9);
    gradCheck({
      what: 'sigmoid',
      inputs: { x },
      forward: () => {
        ref.sigmoid(y, x, 9);
        return y;
      },
      backward: (dy) => {
        ref.sigmoid(y, x, 9);
        const dx = new Float64Array(9);
        for (let i = 0; i < 9; i++) dx[i] = dy[i]! * y[i]! * (1 - y[i]!);
        return { x: dx };
      },
    });
  });

  it('bias add: dBias = Σ_rows dy', () => {
    const [R, C] = [4, 5];
    const bias = randomF64(new Rng(2), C);
    const x = randomF64(new Rng(3), R * C);
    const y = new Float64Array(R * C);
    gradCheck({
      what: 'bias',
      inputs: { bias },
      forward: () => {
        for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) y[r * C + c] = x[r * C + c]! + bias[c]!;
        return y;
      },
      backward: (dy) => {
        const db = new Float64Array(C);
        ref.biasBackward(db, dy, R, C);
        return { bias: db };
      },
    });
  });

  it('embedding with scale and repeated ids: scatter-add sums the rows', () => {
    const [V, D] = [5, 3];
    const ids = Int32Array.from([4, 0, 4, 2, 4]);
    const weight = randomF64(new Rng(4), V * D);
    const out = new Float64Array(ids.length * D);
    gradCheck({
      what: 'embedding',
      inputs: { weight },
      forward: () => {
        ref.embeddingForward(out, weight, ids, ids.length, D, 2.5);
        return out;
      },
      backward: (dOut) => {
        const dw = new Float64Array(V * D);
        ref.embeddingBackward(dw, dOut, ids, ids.length, D, 2.5);
        return { weight: dw };
      },
    });
  });
});

for (const b of backendsUnderTest()) {
  describe(`elementwise and embedding kernels match the f64 reference [${b.name}]`, { skip: b.skip }, () => {
    const rng = new Rng(9);
    it('add, axpy, scale, mul, sigmoid on odd sizes (including 0 and > one thread chunk)', () => {
      const { kernels: k } = b.get();
      for (const n of [0, 1, 7, 1029, 70_001]) {
        const [a, c] = [randomF64(rng, n, 5), randomF64(rng, n, 5)];
        parity(k, `elementwise n=${n}`, [a, c], [n, n, n, n, n], (kk, [x, y], [sum, ax, sc, pr, sg]) => {
          kk.add(sum!, x!, y!, n);
          ax!.set(y!);
          kk.axpy(ax!, -1.5, x!, n);
          kk.scale(sc!, 0.25, x!, n);
          kk.mul(pr!, x!, y!, n);
          kk.sigmoid(sg!, x!, n);
        });
      }
    });

    it('in-place add and scale (out aliases an input)', () => {
      const { kernels: k } = b.get();
      const x = Float32Array.from([1, 2, 3]);
      k.add(x, x, Float32Array.from([1, 1, 1]), 3);
      k.scale(x, 2, x, 3);
      assert.deepEqual(Array.from(x), [4, 6, 8]);
    });

    it('biasBackward accumulates column sums', () => {
      const { kernels: k } = b.get();
      for (const [R, C] of [
        [1, 1],
        [9, 13],
        [300, 130],
      ] as const) {
        const [d, db0] = [randomF64(rng, R * C), randomF64(rng, C)];
        parity(k, `bias ${R}x${C}`, [d, db0], [C], (kk, [dOut, start], [db]) => {
          db!.set(start!);
          kk.biasBackward(db!, dOut!, R, C);
        });
      }
    });

    it('embeddingForward / embeddingBackward with repeated ids, accumulating into dWeight', () => {
      const { kernels: k } = b.get();
      for (const [V, D, n] of [
        [1, 1, 1],
        [7, 5, 11],
        [50, 129, 300],
      ] as const) {
        const ids = Int32Array.from({ length: n }, () => rng.int(0, V - 1));
        const [w, dOut, dw0] = [randomF64(rng, V * D), randomF64(rng, n * D), randomF64(rng, V * D)];
        parity(
          k,
          `embedding ${V}x${D} n=${n}`,
          [w, dOut, dw0],
          [n * D, V * D],
          (kk, [ww, d, start], [out, dw]) => {
            kk.embeddingForward(out!, ww!, ids, n, D, 0.5);
            dw!.set(start!);
            kk.embeddingBackward(dw!, d!, ids, n, D, 0.5);
          },
        );
      }
    });

    it('ids outside the table are a RangeError naming the position, and nothing is written', () => {
      const { kernels: k } = b.get();
      const out = new Float32Array(6).fill(7);
      const weight = new Float32Array(6);
      assert.throws(() => k.embeddingForward(out, weight, Int32Array.from([0, 3]), 2, 3, 1), {
        name: 'RangeError',
        message: /ids\[1\] = 3 is outside \[0, 2\)/,
      });
      assert.throws(
        () => k.embeddingBackward(weight, out, Int32Array.from([-1, 0]), 2, 3, 1),
        /ids\[0\] = -1/,
      );
      if (b.name === 'native') assert.ok(out.every((v) => v === 7));
    });
  });
}

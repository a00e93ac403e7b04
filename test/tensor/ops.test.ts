// Tensor-level ops on the active backend (run under both): results equal the raw reference kernels,
// strided views work where documented, and shape mismatches are RangeErrors naming op and argument.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  addRmsnormForward,
  attentionForward,
  backend,
  crossEntropyBackward,
  crossEntropyForward,
  embeddingForward,
  fromArray,
  fromBf16,
  linearBackward,
  linearForward,
  matmul,
  mlpForward,
  referenceKernels as ref,
  swigluForward,
  toBf16,
  useBackend,
  zeros,
} from '../../src/tensor/index.ts';
import { Rng } from '../../src/tensor/random.ts';
import { assertClose, backendsUnderTest, randomF64 } from './helpers.ts';

const initial = backend().name;
after(() => {
  useBackend(initial);
});

function rand(rng: Rng, shape: number[]) {
  const n = shape.reduce((a, b) => a * b, 1);
  return fromArray(Float32Array.from(randomF64(rng, n)), shape);
}

for (const b of backendsUnderTest()) {
  describe(`tensor-level ops [${b.name}]`, { skip: b.skip }, () => {
    const rng = new Rng(3);
    it('linearForward / linearBackward with bias equal the gemm formulas', () => {
      b.get();
      useBackend(b.name);
      const [B, T, In, Out] = [2, 3, 5, 4];
      const x = rand(rng, [B, T, In]);
      const w = rand(rng, [Out, In]);
      const bias = rand(rng, [Out]);
      const y = zeros([B, T, Out]);
      linearForward(y, x, w, bias);
      const want = new Float64Array(B * T * Out);
      ref.gemm(false, true, B * T, Out, In, 1, x.data, In, w.data, In, 0, want, Out);
      for (let r = 0; r < B * T; r++) for (let o = 0; o < Out; o++) want[r * Out + o]! += bias.data[o]!;
      assertClose(y.data, want, 'y');
      const dy = rand(rng, [B, T, Out]);
      const dx = zeros([B, T, In]);
      const dW = zeros([Out, In]).reshape([Out, In]);
      dW.data.fill(1);
      const dB = zeros([Out]);
      linearBackward({ dx, dWeight: dW, dBias: dB }, dy, x, w);
      const wantDx = new Float64Array(B * T * In);
      ref.gemm(false, false, B * T, In, Out, 1, dy.data, Out, w.data, In, 0, wantDx, In);
      const wantDw = new Float64Array(Out * In).fill(1);
      ref.gemm(true, false, Out, In, B * T, 1, dy.data, Out, x.data, In, 1, wantDw, In);
      assertClose(dx.data, wantDx, 'dx');
      assertClose(dW.data, wantDw, 'dW accumulates');
      const wantDb = new Float64Array(Out);
      ref.biasBackward(wantDb, dy.data, B * T, Out);
      assertClose(dB.data, wantDb, 'dBias');
    });

    it('matmul reads strided views: the token rows of each batch item (lm_head over z_H[:, P:])', () => {
      b.get();
      useBackend(b.name);
      const [B, T, P, D, V] = [3, 6, 2, 4, 5];
      const z = rand(rng, [B, T, D]);
      const w = rand(rng, [V, D]);
      const logits = zeros([B, T - P, V]);
      matmul(logits, z.narrow(1, P, T), w, { transB: true });
      for (let bi = 0; bi < B; bi++) {
        const want = new Float64Array((T - P) * V);
        ref.gemm(false, true, T - P, V, D, 1, z.data.subarray((bi * T + P) * D), D, w.data, D, 0, want, V);
        assertClose(logits.select(0, bi).toArray(), want, `batch ${bi}`);
      }
    });

    it('shape mismatches are RangeErrors naming the op and the argument', () => {
      b.get();
      useBackend(b.name);
      assert.throws(() => linearForward(zeros([2, 3]), zeros([2, 4]), zeros([3, 5])), {
        name: 'RangeError',
        message: /linearForward: weight has shape \[3,5\], expected \[3,4\]/,
      });
      assert.throws(
        () => addRmsnormForward(zeros([2, 4]), zeros([3]), zeros([2, 4]), zeros([2, 4]), 1e-5),
        /rstd has shape \[3\], expected \[2\]/,
      );
      assert.throws(() => swigluForward(zeros([2, 3]), zeros([2, 5])), /not even/);
      const x = zeros([2, 3, 4]);
      const mlp = (y: ReturnType<typeof zeros>, gateUp: ReturnType<typeof zeros>) =>
        mlpForward(y, zeros([6]), gateUp, zeros([2, 3, 5]), x, zeros([10, 4]), zeros([4, 5]), 1e-5);
      assert.throws(
        () => mlp(zeros([2, 3, 4]), zeros([2, 3, 8])),
        /mlpForward: gateUp has shape \[2,3,8\], expected \[2,3,10\]/,
      );
      assert.throws(() => mlp(x, zeros([2, 3, 10])), /mlpForward: y must not be x/);
      assert.throws(
        () => attentionForward(zeros([1, 2, 4]), zeros([1, 2, 2, 2]), zeros([1, 2, 13]), 2),
        /not 3 × 2 heads/,
      );
      assert.throws(() => matmul(zeros([2, 2]), zeros([2, 3]), zeros([2, 2])), /do not chain/);
      assert.throws(
        () => embeddingForward(zeros([2, 3]), zeros([4, 3]), Int32Array.from([0, 4])),
        /ids\[1\] = 4/,
      );
      assert.throws(
        () =>
          crossEntropyForward(
            'stablemax_cross_entropy',
            new Float64Array(2),
            zeros([3, 4]),
            Int32Array.from([0, 1]),
          ),
        /2 labels for 3 rows/,
      );
    });

    it('cross entropy and bf16 helpers route to the backend', () => {
      b.get();
      useBackend(b.name);
      const logits = fromArray(Float32Array.from([0, 1, -1, 2, 0.5, -3]), [2, 3]);
      const labels = Int32Array.from([1, -100]);
      const losses = new Float64Array(2);
      crossEntropyForward('softmax_cross_entropy', losses, logits, labels);
      const lse = Math.log(1 + Math.E + Math.exp(-1));
      assertClose(losses, [lse - 1, 0], 'softmax CE', { atol: 1e-6, rtol: 1e-6 });
      const d = zeros([2, 3]);
      crossEntropyBackward('stablemax_cross_entropy', d, logits, labels, Float64Array.from([1, 1]));
      assert.ok(d.data.subarray(3).every((v) => v === 0));
      assert.deepEqual(Array.from(fromBf16(toBf16(Float32Array.from([1, 1.00390625, -2])))), [1, 1, -2]);
    });
  });
}

// Stablemax / softmax cross entropy and BCE-with-logits: finite differences of the f64 reference, values
// worked out by hand, then both backends against the reference (ignore index −100, large vocab, bad labels).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IGNORE_LABEL_ID, referenceKernels as ref } from '../../src/tensor/index.ts';
import { Rng } from '../../src/tensor/random.ts';
import { assertClose, backendsUnderTest, gradCheck, parity, randomF64 } from './helpers.ts';

const [R, V] = [5, 7];
const labels = Int32Array.from([3, IGNORE_LABEL_ID, 0, 6, 2]);

describe('finite-difference gradients of the reference (f64)', () => {
  for (const kind of ['stablemax', 'softmax'] as const) {
    it(`${kind} cross entropy with an ignored row`, () => {
      const logits = randomF64(new Rng(kind === 'stablemax' ? 1 : 2), R * V, 3);
      const losses = new Float64Array(R);
      const forward =
        kind === 'stablemax' ? ref.stablemaxCrossEntropyForward : ref.softmaxCrossEntropyForward;
      const backward =
        kind === 'stablemax' ? ref.stablemaxCrossEntropyBackward : ref.softmaxCrossEntropyBackward;
      gradCheck({
        what: `${kind} CE`,
        inputs: { logits },
        samples: 35,
        forward: () => {
          forward(losses, logits, labels, R, V);
          return losses;
        },
        backward: (w) => {
          const d = new Float64Array(R * V);
          backward(d, logits, labels, w, R, V);
          return { logits: d };
        },
      });
    });
  }

  it('BCE with logits', () => {
    const logits = randomF64(new Rng(3), 6, 8);
    const targets = Float64Array.from([0, 1, 1, 0, 0.25, 1]);
    const losses = new Float64Array(6);
    gradCheck({
      what: 'bce',
      inputs: { logits },
      forward: () => {
        ref.bceWithLogitsForward(losses, logits, targets, 6);
        return losses;
      },
      backward: (w) => {
        const d = new Float64Array(6);
        ref.bceWithLogitsBackward(d, logits, targets, w, 6);
        return { logits: d };
      },
    });
  });
});

it('stablemax values worked by hand: s(−1) = 1/2, s(0) = 1, s(2) = 3', () => {
  const losses = new Float64Array(2);
  ref.stablemaxCrossEntropyForward(
    losses,
    Float64Array.from([-1, 0, 2, -1, 0, 2]),
    Int32Array.from([2, 0]),
    2,
    3,
  );
  assertClose(losses, [-Math.log(3 / 4.5), -Math.log(0.5 / 4.5)], 'stablemax loss', {
    atol: 1e-15,
    rtol: 1e-15,
  });
  ref.bceWithLogitsForward(losses, Float64Array.from([0, 100]), Float64Array.from([1, 0]), 2);
  assertClose(losses, [Math.LN2, 100], 'bce', { atol: 1e-12, rtol: 1e-12 });
});

for (const b of backendsUnderTest()) {
  describe(`loss kernels match the f64 reference [${b.name}]`, { skip: b.skip }, () => {
    const rng = new Rng(8);
    it('cross entropies forward and backward, including vocab 8192 and ignored rows', () => {
      const { kernels: k } = b.get();
      for (const [rows, vocab, scale] of [
        [1, 1, 1],
        [5, 7, 3],
        [33, 8192, 12],
      ] as const) {
        const lab = Int32Array.from({ length: rows }, (_, r) =>
          r % 4 === 1 ? IGNORE_LABEL_ID : rng.int(0, vocab - 1),
        );
        const logits = randomF64(rng, rows * vocab, scale);
        const w = randomF64(rng, rows);
        for (const kind of ['stablemax', 'softmax'] as const) {
          const fw = kind === 'stablemax' ? 'stablemaxCrossEntropyForward' : 'softmaxCrossEntropyForward';
          const bw = kind === 'stablemax' ? 'stablemaxCrossEntropyBackward' : 'softmaxCrossEntropyBackward';
          parity(
            k,
            `${kind} ${rows}x${vocab}`,
            [logits],
            [rows * vocab],
            (kk, [x], [d]) => {
              kk[bw](d!, x!, lab, w, rows, vocab);
            },
            { atol: 1e-7, rtol: 1e-4 },
          );
          const x32 = Float32Array.from(logits);
          const got = new Float64Array(rows);
          const want = new Float64Array(rows);
          k[fw](got, x32, lab, rows, vocab);
          ref[fw](want, Float64Array.from(x32), lab, rows, vocab);
          assertClose(got, want, `${kind} losses ${rows}x${vocab}`, { atol: 1e-6, rtol: 1e-6 });
          for (let r = 0; r < rows; r++) if (lab[r] === IGNORE_LABEL_ID) assert.equal(got[r], 0);
        }
      }
    });

    it('BCE with logits forward and backward', () => {
      const { kernels: k } = b.get();
      const n = 9;
      const x = Float32Array.from(randomF64(rng, n, 20));
      const t = Float32Array.from({ length: n }, (_, i) => i % 2);
      const w = randomF64(rng, n);
      const [got, want] = [new Float64Array(n), new Float64Array(n)];
      k.bceWithLogitsForward(got, x, t, n);
      ref.bceWithLogitsForward(want, Float64Array.from(x), Float64Array.from(t), n);
      assertClose(got, want, 'bce losses', { atol: 1e-6, rtol: 1e-6 });
      const [dGot, dWant] = [new Float32Array(n), new Float64Array(n)];
      k.bceWithLogitsBackward(dGot, x, t, w, n);
      ref.bceWithLogitsBackward(dWant, Float64Array.from(x), Float64Array.from(t), w, n);
      assertClose(dGot, dWant, 'bce grads', { atol: 1e-7, rtol: 1e-5 });
    });

    it('a label outside [0, V) that is not −100 is a RangeError naming the row', () => {
      const { kernels: k } = b.get();
      const bad = Int32Array.from([0, 9]);
      assert.throws(
        () => k.stablemaxCrossEntropyForward(new Float64Array(2), new Float32Array(6), bad, 2, 3),
        {
          name: 'RangeError',
          message: /labels\[1\] = 9/,
        },
      );
      assert.throws(
        () =>
          k.softmaxCrossEntropyBackward(
            new Float32Array(6),
            new Float32Array(6),
            Int32Array.from([-5, 0]),
            new Float64Array(2),
            2,
            3,
          ),
        /labels\[0\] = -5/,
      );
    });
  });
}

// AdamATan2: the first step's size worked out by hand (±0.997·lr whatever |g|, 0 where g = 0), several
// steps on both backends against the f64 reference (moments carried as float32 state), argument checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adamAtan2Update, backend, referenceKernels as ref, useBackend } from '../../src/tensor/index.ts';
import { Rng } from '../../src/tensor/random.ts';
import { assertClose, backendsUnderTest, randomF64 } from './helpers.ts';

const [lr, beta1, beta2, wd] = [1e-3, 0.9, 0.95, 0.1];

it('step 1 moves every weight by lr·atan(0.1)/0.1 ≈ 0.997·lr against the gradient sign, after decay', () => {
  const p = Float64Array.from([1, -2, 0.5, 3]);
  const g = Float64Array.from([1e-6, -40, 0, 2]);
  const [m, v] = [new Float64Array(4), new Float64Array(4)];
  ref.adamAtan2(p, g, m, v, 4, lr, beta1, beta2, wd, 1);
  const step = lr * 10 * Math.atan(0.1);
  const decay = 1 - lr * wd;
  assertClose(p, [decay - step, -2 * decay + step, 0.5 * decay, 3 * decay - step], 'p after step 1', {
    atol: 1e-9,
    rtol: 1e-7,
  });
});

for (const b of backendsUnderTest()) {
  describe(`adamAtan2 matches the f64 reference [${b.name}]`, { skip: b.skip }, () => {
    it('five steps on odd sizes, with zero, tiny and huge gradients', () => {
      const { kernels: k } = b.get();
      const rng = new Rng(6);
      for (const n of [1, 13, 70_001]) {
        const p32 = Float32Array.from(randomF64(rng, n));
        const p64 = Float64Array.from(p32);
        const [m32, v32, m64, v64] = [
          new Float32Array(n),
          new Float32Array(n),
          new Float64Array(n),
          new Float64Array(n),
        ];
        for (let step = 1; step <= 5; step++) {
          const g = Float32Array.from(randomF64(rng, n, 10 ** (step - 3)));
          g[0] = 0;
          if (n > 2) g[1] = step === 1 ? 1e30 : -1e-30;
          k.adamAtan2(p32, g, m32, v32, n, lr, beta1, beta2, wd, step);
          ref.adamAtan2(p64, Float64Array.from(g), m64, v64, n, lr, beta1, beta2, wd, step);
          // float32 state: m's update can cancel (g − m), so m agrees to the f32 rounding of the gradient scale
          assertClose(p32, p64, `p after step ${step} (n=${n})`, { atol: 2e-7, rtol: 1e-6 });
          assertClose(m32, m64, `m after step ${step} (n=${n})`, {
            atol: 1e-7 * 10 ** (step - 3),
            rtol: 1e-5,
          });
        }
      }
    });

    it('adamAtan2Update checks lengths and routes to the backend', () => {
      b.get();
      const initial = backend().name;
      useBackend(b.name);
      try {
        const p = Float32Array.from([1]);
        adamAtan2Update(p, Float32Array.from([1]), new Float32Array(1), new Float32Array(1), {
          lr,
          beta1,
          beta2,
          weightDecay: 0,
          step: 1,
        });
        assertClose(p, [1 - lr * 10 * Math.atan(0.1)], 'p', { atol: 1e-7, rtol: 0 });
        assert.throws(
          () =>
            adamAtan2Update(p, new Float32Array(0), new Float32Array(1), new Float32Array(1), {
              lr,
              beta1,
              beta2,
              weightDecay: 0,
              step: 1,
            }),
          /grad has 0 entries, needs 1/,
        );
      } finally {
        useBackend(initial);
      }
    });
  });
}

// The native boundary: wrong types are TypeErrors, wrong values and short buffers are RangeErrors, each
// naming the function and the argument; the process never aborts and no kernel runs on a bad call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backendsUnderTest } from './helpers.ts';

const native = backendsUnderTest().find((b) => b.name === 'native')!;

describe('native argument checks', { skip: native.skip }, () => {
  const f = (n: number) => new Float32Array(n);
  type Loose = Record<string, (...args: unknown[]) => void>;

  it('wrong argument types are TypeErrors naming the argument', () => {
    const k = native.get().kernels as unknown as Loose;
    assert.throws(() => k.gemm!(false, false, 1, 1, 1, 1, new Float64Array(1), 1, f(1), 1, 0, f(1), 1), {
      name: 'TypeError',
      message: 'gemm: argument A must be a Float32Array',
    });
    assert.throws(() => k.add!(f(2), [1, 2], f(2), 2), {
      name: 'TypeError',
      message: /add: argument a must be a Float32Array/,
    });
    assert.throws(
      () => k.gemm!('no', false, 1, 1, 1, 1, f(1), 1, f(1), 1, 0, f(1), 1),
      /argument transA must be a boolean/,
    );
    assert.throws(
      () => k.embeddingForward!(f(3), f(3), Float32Array.from([0]), 1, 3, 1),
      /argument ids must be a Int32Array/,
    );
    assert.throws(() => k.softmaxForward!(f(2), f(2), 1), {
      name: 'TypeError',
      message: /expected 4 arguments, got 3/,
    });
  });

  it('short buffers, bad dims and bad strides are RangeErrors and leave outputs untouched', () => {
    const k = native.get().kernels as unknown as Loose;
    const C = f(6).fill(5);
    assert.throws(() => k.gemm!(false, false, 2, 3, 4, 1, f(7), 4, f(12), 3, 0, C, 3), {
      name: 'RangeError',
      message: 'gemm: A has 7 elements, needs 8',
    });
    assert.throws(
      () => k.gemm!(false, false, 2, 3, 4, 1, f(8), 3, f(12), 3, 0, C, 3),
      /ld of A is 3, must be >= max\(1, 4 columns\)/,
    );
    assert.throws(
      () => k.gemm!(false, false, 2.5, 3, 4, 1, f(8), 4, f(12), 3, 0, C, 3),
      /argument M must be an integer/,
    );
    assert.throws(() => k.gemm!(false, false, -1, 3, 4, 1, f(8), 4, f(12), 3, 0, C, 3), RangeError);
    assert.throws(
      () => k.gemm!(false, false, 2, 3, 4, Number.NaN, f(8), 4, f(12), 3, 0, C, 3),
      /alpha must be finite/,
    );
    assert.ok(C.every((v) => v === 5));
    assert.throws(
      () => k.gemmBatched!(false, false, 2, 2, 2, 1, f(8), 2, 4, f(4), 2, 0, 0, f(8), 2, 4, 3),
      /A has 8 elements, needs 12/,
    );
    assert.throws(
      () => k.attentionForward!(f(16), f(15), f(48), 1, 4, 1, 4),
      /probs has 15 elements, needs 16/,
    );
    k.gemmBatched!(false, false, 2, 2, 2, 1, f(0), 2, 4, f(0), 2, 0, 0, f(0), 2, 4, 0); // batch 0 needs no memory
    assert.throws(() => k.ropeForward!(f(18), f(3), f(3), 1, 2, 1, 3), /headDim must be even/);
    assert.throws(
      () => k.addRmsnormForward!(f(8), f(1), f(8), f(8), 2, 4, 1e-5),
      /rstd has 1 elements, needs 2/,
    );
    assert.throws(() => k.f32ToBf16!(new Uint16Array(1), f(2), 2), /out has 1 elements, needs 2/);
  });

  it('mlpForward refuses outputs that share memory with x or with each other', () => {
    const k = native.get().kernels as unknown as Loose;
    const [R, D, I] = [2, 4, 3];
    const x = f(R * D).fill(1);
    const mem = f(64);
    const [wgu, wd] = [f(2 * I * D), f(D * I)];
    assert.throws(() => k.mlpForward!(x, f(R), f(R * 2 * I), f(R * I), x, wgu, wd, R, D, I, 1e-5), {
      name: 'RangeError',
      message: 'mlpForward: y and x must not share memory',
    });
    assert.throws(
      () =>
        k.mlpForward!(f(R * D), f(R), mem.subarray(0, 12), mem.subarray(10, 16), x, wgu, wd, R, D, I, 1e-5),
      /gateUp and hidden must not share memory/,
    );
    assert.throws(
      () => k.mlpForward!(f(R * D), f(R), f(R * 2 * I), f(R * I), x, f(2 * I * D - 1), wd, R, D, I, 1e-5),
      /wGateUp has 23 elements, needs 24/,
    );
    assert.ok(x.every((v) => v === 1));
  });

  it('thread control rejects nonsense', () => {
    const k = native.get().kernels as unknown as Loose;
    assert.throws(() => k.setThreads!(0), RangeError);
    assert.throws(() => k.setThreads!(1000), /<= 256/);
  });
});

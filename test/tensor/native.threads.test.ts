// The native thread pool: every threaded kernel gives the same results with 1 and with 3 threads
// (sizes chosen so the work is really split), and the pool can be resized repeatedly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FloatArray, Kernels } from '../../src/tensor/index.ts';
import { setThreads } from '../../src/tensor/index.ts';
import { defaultThreads } from '../../src/tensor/native.ts';
import { Rng } from '../../src/tensor/random.ts';
import { assertClose, backendsUnderTest, randomF64 } from './helpers.ts';

const native = backendsUnderTest().find((b) => b.name === 'native')!;

/** runs `op` with 1 thread and with `threads`, returning both outputs */
function underThreads(
  threads: number,
  sizes: number[],
  op: (outs: Float32Array[]) => void,
): [Float32Array[], Float32Array[]] {
  const run = (n: number) => {
    setThreads(n);
    const outs = sizes.map((s) => new Float32Array(s));
    op(outs);
    return outs;
  };
  try {
    return [run(1), run(threads)];
  } finally {
    setThreads(defaultThreads());
  }
}

describe('native kernels agree across thread counts', { skip: native.skip }, () => {
  const rng = new Rng(4);
  const f32 = (n: number, s = 1) => Float32Array.from(randomF64(rng, n, s));

  it('gemm split by rows and by columns, batched gemm, attention, norms, losses', () => {
    const k = native.get().kernels as Kernels<FloatArray>;
    const [M, N, K] = [300, 97, 120];
    const A = f32(M * K);
    const Bt = f32(N * K);
    const W = f32(N * M);
    const [B, T, H, d] = [2, 96, 3, 32]; // ~1.2 MFLOP per head: one head per task, so heads are split
    const qkv = f32(B * T * 3 * H * d);
    const dOut = f32(B * T * H * d);
    const [R, D, V] = [200, 300, 50];
    const x = f32(R * D, 3);
    const res = f32(R * D);
    const labels = Int32Array.from({ length: R }, () => rng.int(0, V - 1));
    const logits = f32(R * V, 4);
    const w = Float64Array.from({ length: R }, () => 1 / R);
    const sizes = [M * N, N * K, 6 * M * N, B * T * H * d, B * H * T * T, B * T * 3 * H * d, R * D, R, R * V];
    const [one, many] = underThreads(3, sizes, ([c1, c2, c3, out, probs, dqkv, y, rstd, dl]) => {
      k.gemm(false, true, M, N, K, 1, A, K, Bt, K, 0, c1!, N);
      k.gemm(true, false, N, K, M, 1, W, N, A, K, 0, c2!, K);
      k.gemmBatched(false, true, M, N, K, 1, A, K, 0, Bt, K, 0, 0, c3!, N, M * N, 6);
      k.attentionForward(out!, probs!, qkv, B, T, H, d);
      k.attentionBackward(dqkv!, dOut, qkv, probs!, B, T, H, d);
      k.addRmsnormForward(y!, rstd!, x, res, R, D, 1e-5);
      k.stablemaxCrossEntropyBackward(dl!, logits, labels, w, R, V);
    });
    for (const [i, o] of one.entries()) assertClose(many[i]!, o, `output ${i}`, { atol: 1e-6, rtol: 1e-5 });
  });

  // A job posted before a fresh worker first ran was once lost, leaving the caller blocked inside the addon
  // for ever; the stress runs in a child process so that such a hang fails the test instead of stalling it.
  it('work posted right after each resize completes (resize + work, 300 times)', () => {
    native.get();
    const script = fileURLToPath(new URL('./fixtures/resize-stress.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.signal, null, `stress run hung and was killed: ${result.stderr}`);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'ok');
  });
});

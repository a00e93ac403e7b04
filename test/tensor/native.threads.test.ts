// The native thread pool: every threaded kernel gives the same results with 1 and with 3 threads
// (sizes chosen so the work is really split), the pool can be resized repeatedly, and an oversubscribed
// pool (late workers) stays exact.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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

  it('gemm split by rows and by columns, batched gemm, the MLP sublayer, attention, norms, losses', () => {
    const k = native.get().kernels as Kernels<FloatArray>;
    const [M, N, K] = [520, 120, 136]; // ≥ 16 MFLOP per product (PARALLEL_MIN_FLOPS): really split
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
    // the MLP sublayer: 18.5 MFLOP in row blocks of 64, and 31 MFLOP whose 834-row blocks run as 4 kernels
    const mlps = [
      [301, 64, 160],
      [5000, 32, 32],
    ].map(([MR, MD, MI]) => ({
      dims: [MR!, MD!, MI!] as const,
      x: f32(MR! * MD!, 2),
      wgu: f32(2 * MI! * MD!, 0.1),
      wd: f32(MD! * MI!, 0.1),
    }));
    const sizes = [M * N, N * K, 6 * M * N, B * T * H * d, B * H * T * T, B * T * 3 * H * d, R * D, R, R * V];
    for (const { dims } of mlps)
      sizes.push(dims[0] * dims[1], dims[0], dims[0] * 2 * dims[2], dims[0] * dims[2]);
    const [one, many] = underThreads(3, sizes, ([c1, c2, c3, out, probs, dqkv, y, rstd, dl, ...mlpOuts]) => {
      for (const [i, { dims, x: mx, wgu, wd }] of mlps.entries()) {
        const [my, mr, mgu, mh] = mlpOuts.slice(4 * i, 4 * i + 4);
        k.mlpForward(my!, mr!, mgu!, mh!, mx, wgu, wd, ...dims, 1e-5);
      }
      k.gemm(false, true, M, N, K, 1, A, K, Bt, K, 0, c1!, N);
      k.gemm(true, false, N, K, M, 1, W, N, A, K, 0, c2!, K);
      k.gemmBatched(false, true, M, N, K, 1, A, K, 0, Bt, K, 0, 0, c3!, N, M * N, 6);
      k.attentionForward(out!, probs!, qkv, B, T, H, d);
      k.attentionBackward(dqkv!, dOut, qkv, probs!, B, T, H, d);
      k.addRmsnormForward(y!, rstd!, x, res, R, D, 1e-5);
      k.stablemaxCrossEntropyBackward(dl!, logits, labels, w, R, V);
    });
    // the products sum up to 520 terms of size ~1 in a split-dependent order: float32 rounding ~1e-5 absolute
    for (const [i, o] of one.entries()) assertClose(many[i]!, o, `output ${i}`, { atol: 2e-5, rtol: 1e-5 });
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

  it('a pool with more threads than cores gives exact results on short jobs (late workers join no old job)', () => {
    native.get();
    const script = fileURLToPath(new URL('./fixtures/oversubscribed-stress.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.signal, null, `stress run hung and was killed: ${result.stderr}`);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'ok');
  });

  it('JS worker threads can call threaded kernels at the same time (the pool is shared)', async () => {
    const k = native.get().kernels as Kernels<FloatArray>;
    const [B, T, H, d] = [2, 96, 3, 32];
    const inputs = [0, 1, 2].map(() => ({ qkv: f32(B * T * 3 * H * d), dOut: f32(B * T * H * d) }));
    const barrier = new Int32Array(new SharedArrayBuffer(4));
    setThreads(3);
    try {
      // an eval'd bootstrap that loads the .ts entry through tsx's API (Node 20 workers do not inherit the loader)
      const entry = new URL('./fixtures/worker-kernels.ts', import.meta.url).href;
      const script = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
      const pending = Promise.all(
        inputs.map(
          ({ qkv, dOut }) =>
            new Promise<{ out: Float32Array; dqkv: Float32Array }>((resolve, reject) => {
              const w = new Worker(script, {
                eval: true,
                workerData: {
                  qkv,
                  dOut,
                  shape: [B, T, H, d],
                  rounds: 200,
                  barrier,
                  parties: inputs.length + 1,
                },
              });
              w.once('message', resolve);
              w.once('error', reject);
            }),
        ),
      );
      const deadline = Date.now() + 60_000; // a worker that failed to load never arrives: fail, do not hang
      while (Atomics.load(barrier, 0) < inputs.length) {
        if (Date.now() > deadline) assert.fail('worker threads did not load the addon within 60 s');
        Atomics.wait(barrier, 0, Atomics.load(barrier, 0), 5);
      }
      Atomics.add(barrier, 0, 1); // every worker has loaded the addon: release them
      const results = await pending;
      for (const [i, { qkv, dOut }] of inputs.entries()) {
        const out = new Float32Array(B * T * H * d);
        const probs = new Float32Array(B * H * T * T);
        const dqkv = new Float32Array(qkv.length);
        k.attentionForward(out, probs, qkv, B, T, H, d);
        k.attentionBackward(dqkv, dOut, qkv, probs, B, T, H, d);
        assertClose(results[i]!.out, out, `worker ${i} attention out`, { atol: 1e-6, rtol: 1e-5 });
        assertClose(results[i]!.dqkv, dqkv, `worker ${i} attention dqkv`, { atol: 1e-6, rtol: 1e-5 });
      }
    } finally {
      setThreads(defaultThreads());
    }
  });
});

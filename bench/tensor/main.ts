/**
 * bench/tensor: the native kernels against the naive pure-TS reference, measured in the same run on the
 * same inputs (each result is validated against the reference before its time is printed), at HRM's
 * default shapes (hidden 512, 8 heads, SwiGLU 1536, vocab 8192, batch 8 × seq 256 and 512) and at the
 * tiny fixture shape where per-call overhead dominates; the AdamATan2 step and the truncated-normal init
 * (its float32 table path against the exact erfinv path, bit for bit); plus one whole transformer block
 * (forward + backward) in GFLOP/s against the machine's practical FP32 peak (docs/engine.md §1).
 *
 * Run: npm run bench:tensor [-- --quick]   (threads: HRM_LCB_THREADS, default all cores)
 */
import { availableParallelism, cpus } from 'node:os';
import {
  describeBackend,
  type Kernels,
  nativeBackend,
  Rng,
  referenceKernels,
  ropeTables,
  truncNormal,
} from '../../src/tensor/index.ts';
import { allocateBlock, blockForwardFlops, blockStep } from './block.ts';
import { filled, medianMs, validate } from './timing.ts';

const PRACTICAL_PEAK_GFLOPS = 230; // 2 Zen 4 cores at boost, measured FMA loop (docs/engine.md §1)
const quick = process.argv.includes('--quick');
const native = nativeBackend();
if (native === undefined) {
  console.error(
    'bench:tensor needs the native addon (npm install builds it); the TS backend alone has nothing to compare',
  );
  process.exit(4);
}
const nk: Kernels = native.kernels;
const ref = referenceKernels as unknown as Kernels;

console.log(
  `# bench/tensor: ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, Node ${process.version}`,
);
console.log(`# backend: ${describeBackend()}${quick ? ' (quick)' : ''}\n`);
console.log('| case | native | TS reference | native / TS |');
console.log('|---|---|---|---|');

function row(name: string, nativeMs: number, tsMs: number, unit?: { flops: number }): void {
  const fmt = (ms: number) =>
    unit === undefined
      ? `${ms < 1 ? ms.toFixed(3) : ms.toFixed(2)} ms`
      : `${ms.toFixed(2)} ms (${(unit.flops / ms / 1e6).toFixed(1)} GFLOP/s)`;
  console.log(`| ${name} | ${fmt(nativeMs)} | ${fmt(tsMs)} | ${(tsMs / nativeMs).toFixed(0)}× |`);
}

// ---- gemm: the block's products; the TS baseline runs on a 32-row slice of the same product -------------
const SLICE = 32;
for (const seq of quick ? [256] : [256, 512]) {
  const R = 8 * seq;
  const shapes: [string, boolean, boolean, number, number, number][] = [
    ['x·Wqkvᵀ', false, true, R, 1536, 512],
    ['act·Wdownᵀ', false, true, R, 512, 1536],
    ['dW_gu = dguᵀ·x', true, false, 3072, 512, R],
    ['dx = dgu·Wgu', false, false, R, 512, 3072],
  ];
  for (const [label, ta, tb, M, N, K] of shapes) {
    const A = filled(M * K, 1);
    const B = filled(N * K, 2);
    const lda = ta ? M : K;
    const ldb = tb ? K : N;
    const C = new Float32Array(M * N);
    const nativeMs = medianMs(() => nk.gemm(ta, tb, M, N, K, 1, A, lda, B, ldb, 0, C, N), { rounds: 5 });
    const slice = Math.min(SLICE, M);
    const refC = new Float32Array(slice * N);
    const refA = ta ? A : A.subarray(0, slice * K);
    const tsMs = medianMs(() => ref.gemm(ta, tb, slice, N, K, 1, refA, lda, B, ldb, 0, refC, N), {
      warmup: 1,
      rounds: 3,
      minMs: 0,
    });
    validate(`gemm ${label}`, C.subarray(0, slice * N), refC, 1e-3, 1e-4);
    row(`gemm ${label} ${M}×${N}×${K} (8×${seq})`, nativeMs, (tsMs * M) / slice, { flops: 2 * M * N * K });
  }
}

// ---- fused kernels at 8 × 256 (R = 2048 rows), each validated against the reference ---------------------
function fused(name: string, outputs: Float32Array[], run: (k: Kernels, outs: Float32Array[]) => void): void {
  const theirs = outputs.map((o) => new Float32Array(o.length));
  const nativeMs = medianMs(() => run(nk, outputs));
  const tsMs = medianMs(() => run(ref, theirs), { warmup: 1, rounds: 3, minMs: 0 });
  outputs.forEach((o, i) => {
    validate(`${name} output ${i}`, o, theirs[i]!);
  });
  row(name, nativeMs, tsMs);
}

{
  const [B, T, D, H, I, V] = [8, 256, 512, 8, 1536, 8192];
  const R = B * T;
  const d = D / H;
  const x = filled(R * D, 3, 2);
  const res = filled(R * D, 4);
  const dy = filled(R * D, 5);
  const rstd = new Float32Array(R);
  fused(
    `addRmsnorm fwd+bwd [${R}, ${D}]`,
    [new Float32Array(R * D), new Float32Array(R * D)],
    (k, [y, dh]) => {
      k.addRmsnormForward(y!, rstd, x, res, R, D, 1e-5);
      k.rmsnormBackward(dh!, dy, y!, rstd, R, D);
    },
  );
  const gu = filled(R * 2 * I, 6, 3);
  const dAct = filled(R * I, 7);
  fused(
    `swiglu fwd+bwd [${R}, 2×${I}]`,
    [new Float32Array(R * I), new Float32Array(R * 2 * I)],
    (k, [act, dgu]) => {
      k.swigluForward(act!, gu, R, I);
      k.swigluBackward(dgu!, dAct, gu, R, I);
    },
  );
  const qkv = filled(R * 3 * D, 8);
  const { cos, sin } = ropeTables(T, d, 10000);
  fused(
    `rope fwd+bwd [${B}, ${T}, 3×${D}] incl. a 12.6 MB buffer reset`,
    [new Float32Array(R * 3 * D)],
    (k, [buf]) => {
      buf!.set(qkv);
      k.ropeForward(buf!, cos, sin, B, T, H, d);
      k.ropeBackward(buf!, cos, sin, B, T, H, d);
    },
  );
  // attention: the TS reference runs batch row 0 only (one of B identical-cost rows) and is scaled by B
  const dOut = filled(R * D, 9);
  const Bt = quick ? 1 : 2;
  const probs = new Float32Array(B * H * T * T);
  const out = new Float32Array(R * D);
  const dqkv = new Float32Array(R * 3 * D);
  const attn = (k: Kernels, batch: number, o: Float32Array, p: Float32Array, dq: Float32Array) => {
    k.attentionForward(o, p, qkv, batch, T, H, d);
    k.attentionBackward(dq, dOut, qkv, p, batch, T, H, d);
  };
  const nativeMs = medianMs(() => attn(nk, B, out, probs, dqkv));
  const [o1, p1, d1] = [
    new Float32Array(Bt * T * D),
    new Float32Array(Bt * H * T * T),
    new Float32Array(Bt * T * 3 * D),
  ];
  const tsMs = medianMs(() => attn(ref, Bt, o1, p1, d1), { warmup: 0, rounds: 1, minMs: 0 });
  validate('attention out', out.subarray(0, o1.length), o1);
  validate('attention dqkv', dqkv.subarray(0, d1.length), d1);
  row(`attention fwd+bwd B=${B} T=${T} H=${H} d=${d}`, nativeMs, (tsMs * B) / Bt, {
    flops: 3 * 4 * B * T * T * D,
  });
  const S = 256;
  const logits = filled(B * S * V, 10, 4);
  const labels = Int32Array.from({ length: B * S }, (_, i) => (i * 7919) % V);
  const weights = new Float64Array(B * S).fill(1 / (B * S));
  const losses = new Float64Array(B * S);
  const theirLosses = new Float64Array(B * S);
  fused(`stablemax CE fwd+bwd [${B * S}, ${V}]`, [new Float32Array(B * S * V)], (k, [dl]) => {
    k.stablemaxCrossEntropyForward(k === nk ? losses : theirLosses, logits, labels, B * S, V);
    k.stablemaxCrossEntropyBackward(dl!, logits, labels, weights, B * S, V);
  });
  validate('stablemax losses', losses, theirLosses, 1e-6, 1e-6);
}

// ---- AdamATan2 over 4M parameters (one step from the same state validated first) ------------------------
{
  const n = 4 * 1024 * 1024;
  const g = filled(n, 11, 1e-3);
  const state = () => ({ p: filled(n, 12), m: new Float32Array(n), v: new Float32Array(n) });
  const [mine, theirs] = [state(), state()];
  const step = (k: Kernels, s: ReturnType<typeof state>, t: number) =>
    k.adamAtan2(s.p, g, s.m, s.v, n, 1e-4, 0.9, 0.95, 0.1, t);
  step(nk, mine, 1);
  step(ref, theirs, 1);
  validate('adamAtan2 params', mine.p, theirs.p, 1e-7, 1e-6);
  let t = 1;
  const nativeMs = medianMs(() => step(nk, mine, ++t));
  const tsMs = medianMs(() => step(ref, theirs, ++t), { warmup: 1, rounds: 3, minMs: 0 });
  row(`adamAtan2 step [${n}]`, nativeMs, tsMs);
}

// ---- truncNormal init: the float32 table path against the exact erfinv path, same draws, same values ----
{
  const n = 1024 * 1024;
  const fast = new Float32Array(n);
  const exact = new Float64Array(n); // a Float64Array output always takes the exact path
  const fastMs = medianMs(() => truncNormal(fast, 0.02, new Rng(5)), { warmup: 1, rounds: 3, minMs: 0 });
  const exactMs = medianMs(() => truncNormal(exact, 0.02, new Rng(5)), { warmup: 1, rounds: 3, minMs: 0 });
  for (let i = 0; i < n; i++) {
    if (!Object.is(fast[i], Math.fround(exact[i]!))) throw new Error(`truncNormal: element ${i} differs`);
  }
  row(`truncNormal [${n}] (table vs exact erfinv, TS both)`, fastMs, exactMs);
}

// ---- one block, forward + backward ---------------------------------------------------------------------
console.log(
  '\n| block step (fwd + bwd) | native | GFLOP/s | % of practical peak | TS reference | native / TS |',
);
console.log('|---|---|---|---|---|---|');
const blockShapes = [
  { name: 'tiny_a shape B=4 T=17 D=64 H=4 I=256', s: { B: 4, T: 17, D: 64, H: 4, I: 256 }, ts: true },
  { name: 'HRM default B=8 T=256 D=512 H=8 I=1536', s: { B: 8, T: 256, D: 512, H: 8, I: 1536 }, ts: false },
  ...(quick
    ? []
    : [
        {
          name: 'HRM default B=8 T=512 D=512 H=8 I=1536',
          s: { B: 8, T: 512, D: 512, H: 8, I: 1536 },
          ts: false,
        },
      ]),
];
for (const { name, s, ts } of blockShapes) {
  const mine = allocateBlock(s);
  const ms = medianMs(() => blockStep(nk, mine), { rounds: 5, minMs: 50 });
  const gflops = (3 * blockForwardFlops(s)) / ms / 1e6;
  let tsCells = '(TS too slow at this size) | –';
  if (ts) {
    const theirs = allocateBlock(s);
    const tsMs = medianMs(() => blockStep(ref, theirs), { warmup: 1, rounds: 3, minMs: 0 });
    // same weights and inputs: one more step on each from fresh buffers must agree
    const [a, b] = [allocateBlock(s), allocateBlock(s)];
    blockStep(nk, a);
    blockStep(ref, b);
    validate(`block ${name} output`, a.m.x2, b.m.x2);
    validate(`block ${name} dx`, a.g.dx, b.g.dx);
    validate(`block ${name} dWqkv`, a.dw.qkv, b.dw.qkv, 1e-3, 1e-3);
    tsCells = `${tsMs.toFixed(2)} ms | ${(tsMs / ms).toFixed(0)}×`;
  }
  console.log(
    `| ${name} | ${ms.toFixed(2)} ms | ${gflops.toFixed(1)} | ${((100 * gflops) / PRACTICAL_PEAK_GFLOPS).toFixed(0)}% | ${tsCells} |`,
  );
}

/**
 * bench/hrm-step: one HRM training step (forward, target-Q forward, backward, sign-SGD + AdamATan2) and a
 * 16-step eval rollout, hrm-lcb against a PyTorch CPU run of the same model in the same benchmark.
 *
 * 1. The PyTorch side (hrm_torch.py, our own code written from docs/hrm.md) is checked against the golden
 *    fixtures; no number is printed if it differs.
 * 2. For each case both sides get the same config, the same weights (written by hrm-lcb's .pt writer, read by
 *    torch.load) and the same batch; their first-step loss and logits must agree before timings count (the
 *    rollout is compared after its first ACT step: with random weights, later steps amplify float32
 *    rounding chaotically, and PyTorch in f32 and f64 drift apart just as much).
 * 3. Each side runs in its own process (its own peak RSS); medians of the timed repetitions are reported with
 *    GFLOP/s by the FLOP model of docs/engine.md §7 and the ratio torch / hrm-lcb (> 1: hrm-lcb is faster).
 *
 * usage: npm run bench:hrm-step [-- --quick] [-- --cases tiny_a,27m_8x256,27m_8x512,27m_eval16] [-- --reps N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSafetensors } from '../../src/hrm/checkpoint/safetensors.ts';
import { weightsToStateDict } from '../../src/hrm/checkpoint/state-dict.ts';
import { fromInt32 } from '../../src/hrm/checkpoint/stored-tensor.ts';
import { writeTorchPt } from '../../src/hrm/checkpoint/torch-pt.ts';
import { type HrmConfig, hrmConfigToJson, parseHrmConfig } from '../../src/hrm/config.ts';
import { initWeights } from '../../src/hrm/init.ts';
import type { HrmTrainHyper } from '../../src/hrm/train-step.ts';
import { ParamBuffers } from '../../src/hrm/weights.ts';
import { Rng } from '../../src/tensor/index.ts';
import { FULL_CONFIG, TINY_A_CONFIG } from './configs.ts';
import { actStepFlops, trainStepFlops } from './flops.ts';

const HERE = new URL('.', import.meta.url).pathname;
const ROOT = new URL('../../', import.meta.url).pathname;
const PYTHON = '/usr/bin/python3';

interface Case {
  name: string;
  what: string;
  config: Record<string, unknown>;
  mode: 'train' | 'eval';
  steps: number;
}

const CASES: Case[] = [
  {
    name: 'tiny_a',
    what: 'train step, fixture config tiny_a, 4 x 16',
    config: TINY_A_CONFIG,
    mode: 'train',
    steps: 1,
  },
  {
    name: '27m_8x256',
    what: 'train step, 27M arch, 8 x 256',
    config: { ...FULL_CONFIG, seq_len: 256 },
    mode: 'train',
    steps: 1,
  },
  {
    name: '27m_8x512',
    what: 'train step, 27M arch, 8 x 512',
    config: { ...FULL_CONFIG, seq_len: 512 },
    mode: 'train',
    steps: 1,
  },
  {
    name: '27m_eval16',
    what: 'eval, full 16-step ACT rollout, 27M arch, 8 x 256',
    config: { ...FULL_CONFIG, seq_len: 256 },
    mode: 'eval',
    steps: 16,
  },
];

const HYPER: HrmTrainHyper = {
  global_batch_size: 0, // set per case
  lr: 1e-4,
  lr_min_ratio: 1,
  lr_warmup_steps: 2000,
  total_steps: 100000,
  beta1: 0.9,
  beta2: 0.95,
  weight_decay: 0.1,
  puzzle_emb_lr: 1e-2,
  puzzle_emb_weight_decay: 0.1,
};

interface SideResult {
  ms: number[];
  first: { loss: number; logits_abs_sum: number };
  peak_rss_mib: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The times themselves, or their range when there are many. */
function spread(ms: number[]): string {
  if (ms.length <= 10) return `${ms.map((t) => t.toFixed(0)).join(', ')} ms`;
  const sorted = [...ms].sort((a, b) => a - b);
  return `${ms.length} reps: min ${sorted[0]!.toFixed(2)}, median ${median(ms).toFixed(2)}, max ${sorted.at(-1)!.toFixed(2)} ms`;
}

/** Config, weights (.pt written by hrm-lcb), hyper-parameters and a random batch for one case. */
function prepare(dir: string, c: Case): { config: HrmConfig; files: string[] } {
  const config = parseHrmConfig(c.config, c.name);
  const rng = new Rng(1234);
  const weights = ParamBuffers.forConfig(config);
  initWeights(weights, rng);
  // upstream init zeroes q_head and the puzzle embedding; small random values exercise those paths too
  for (const name of ['q_head.weight', 'puzzle_emb.weights']) {
    const view = weights.get(name);
    for (let i = 0; i < view.length; i += 1) view[i] = (rng.uniform() - 0.5) * 0.1;
  }
  const B = config.batch_size;
  const S = config.seq_len;
  const inputs = Int32Array.from({ length: B * S }, () => rng.int(0, config.vocab_size - 1));
  const labels = Int32Array.from(inputs, (v, i) => (i % 7 === 0 ? -100 : (v + 1) % config.vocab_size));
  const ids = Int32Array.from({ length: B }, () => rng.int(0, config.num_puzzle_identifiers - 1));
  const files = ['config.json', 'hyper.json', 'weights.pt', 'batch.safetensors'].map((f) =>
    join(dir, `${c.name}.${f}`),
  );
  writeFileSync(files[0]!, JSON.stringify(hrmConfigToJson(config)));
  writeFileSync(files[1]!, JSON.stringify({ ...HYPER, global_batch_size: B }));
  writeFileSync(files[2]!, writeTorchPt(weightsToStateDict(weights, config), 'weights'));
  const batch = new Map([
    ['inputs', fromInt32(inputs, [B, S])],
    ['labels', fromInt32(labels, [B, S])],
    ['puzzle_identifiers', fromInt32(ids, [B])],
  ]);
  writeFileSync(files[3]!, writeSafetensors({ tensors: batch, metadata: {} }));
  return { config, files };
}

function runTorch(files: string[], c: Case, reps: number): SideResult {
  const [config, hyper, weights, batch] = files as [string, string, string, string];
  const args = [
    join(HERE, 'torch_bench.py'),
    'run',
    '--config',
    config,
    '--hyper',
    hyper,
    '--weights',
    weights,
  ];
  args.push('--batch', batch, '--mode', c.mode, '--reps', String(reps), '--steps', String(c.steps));
  const out = execFileSync(PYTHON, args, {
    encoding: 'utf8',
    env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' },
  });
  return JSON.parse(out) as SideResult;
}

function runOurs(files: string[], c: Case, reps: number): SideResult {
  const args = ['--import', 'tsx', join(HERE, 'ts-side.ts'), ...files, c.mode, String(reps), String(c.steps)];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 24 });
  return JSON.parse(out) as SideResult;
}

function agree(name: string, ours: SideResult, torch: SideResult): void {
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));
  const lossDiff = rel(ours.first.loss, torch.first.loss);
  const logitsDiff = rel(ours.first.logits_abs_sum, torch.first.logits_abs_sum);
  if (lossDiff > 1e-4 || logitsDiff > 1e-4) {
    throw new Error(
      `${name}: hrm-lcb and PyTorch disagree (loss ${ours.first.loss} vs ${torch.first.loss}, sum|logits| ${ours.first.logits_abs_sum} vs ${torch.first.logits_abs_sum}); no timing reported`,
    );
  }
  console.log(
    `  ${name}: results agree (loss rel diff ${lossDiff.toExponential(1)}, sum|logits| rel diff ${logitsDiff.toExponential(1)})`,
  );
}

function main(): void {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      cases: { type: 'string' },
      reps: { type: 'string' },
    },
  });
  const wanted =
    values.cases?.split(',') ?? (values.quick ? ['tiny_a', '27m_8x256'] : CASES.map((c) => c.name));
  const cases = CASES.filter((c) => wanted.includes(c.name));
  console.log('checking the PyTorch baseline against the golden fixtures ...');
  const check = execFileSync(
    PYTHON,
    [join(HERE, 'torch_bench.py'), 'check', join(ROOT, '../shared/fixtures/hrm')],
    {
      encoding: 'utf8',
    },
  );
  console.log(`  ${check.trim()}`);
  const dir = mkdtempSync(join(tmpdir(), 'hrm-step-'));
  const rows: string[] = [];
  try {
    for (const c of cases) {
      const reps = Number(
        values.reps ?? (c.name === 'tiny_a' ? 200 : c.mode === 'eval' || values.quick ? 1 : 3),
      );
      const { config, files } = prepare(dir, c);
      console.log(`${c.what}: ${reps} timed rep(s) per side ...`);
      const torch = runTorch(files, c, reps);
      const ours = runOurs(files, c, reps);
      agree(c.name, ours, torch);
      const flops =
        config.batch_size * (c.mode === 'train' ? trainStepFlops(config) : c.steps * actStepFlops(config));
      const [tOurs, tTorch] = [median(ours.ms), median(torch.ms)];
      const gflops = (ms: number) => (flops / ms / 1e6).toFixed(1);
      rows.push(
        `| ${c.what} | ${tOurs.toFixed(1)} | ${gflops(tOurs)} | ${ours.peak_rss_mib.toFixed(0)} | ${tTorch.toFixed(1)} | ${gflops(tTorch)} | ${torch.peak_rss_mib.toFixed(0)} | ${(tTorch / tOurs).toFixed(2)}x |`,
      );
      console.log(`  hrm-lcb ${spread(ours.ms)}; PyTorch ${spread(torch.ms)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    '\n| case | hrm-lcb ms | GFLOP/s | peak RSS MiB | PyTorch ms | GFLOP/s | peak RSS MiB | speed-up |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

main();

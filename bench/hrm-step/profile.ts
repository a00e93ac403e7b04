/**
 * Where one HRM training step spends its time: wall time per phase (forward with target Q, loss, backward,
 * optimizers) and per native kernel (by op and shape), over a few steps after a warmup step. A diagnostic
 * for engine work, not a benchmark (run.ts is the benchmark); kernel timers add a little overhead per call.
 *
 * `--cpu` measures process CPU time instead of wall time (all threads; steadier on a shared machine, and with
 * HRM_LCB_THREADS=1 it is the work itself).
 *
 * usage: node --import tsx bench/hrm-step/profile.ts [--seq 256] [--batch 8] [--steps 2] [--tiny] [--no-kernels] [--cpu]
 */
import { parseArgs } from 'node:util';
import { parseHrmConfig } from '../../src/hrm/config.ts';
import { initWeights } from '../../src/hrm/init.ts';
import { HrmTrainer } from '../../src/hrm/train-step.ts';
import { ParamBuffers } from '../../src/hrm/weights.ts';
import { backend, describeBackend, Rng } from '../../src/tensor/index.ts';
import { FULL_CONFIG, TINY_A_CONFIG } from './configs.ts';

const { values } = parseArgs({
  options: {
    seq: { type: 'string', default: '256' },
    batch: { type: 'string', default: '8' },
    steps: { type: 'string', default: '2' },
    tiny: { type: 'boolean', default: false },
    'no-kernels': { type: 'boolean', default: false },
    cpu: { type: 'boolean', default: false },
  },
});
const now = values.cpu
  ? () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    }
  : () => performance.now();
const B = Number(values.batch);
const S = Number(values.seq);
const raw = values.tiny ? TINY_A_CONFIG : { ...FULL_CONFIG, batch_size: B, seq_len: S };
const config = parseHrmConfig(raw, 'profile');
const rng = new Rng(1234);
const weights = ParamBuffers.forConfig(config);
let t0 = now();
initWeights(weights, rng);
console.log(`init ${(now() - t0).toFixed(0)} ms; ${describeBackend()}`);
const hyper = {
  global_batch_size: config.batch_size,
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
const trainer = new HrmTrainer(config, weights, hyper, 0);
const rows = config.batch_size;
const seq = config.seq_len;
const inputs = Int32Array.from({ length: rows * seq }, () => rng.int(0, config.vocab_size - 1));
const batch = {
  inputs,
  labels: Int32Array.from(inputs, (v, i) => (i % 7 === 0 ? -100 : (v + 1) % config.vocab_size)),
  puzzleIdentifiers: Int32Array.from({ length: rows }, () => rng.int(0, config.num_puzzle_identifiers - 1)),
};

// ---- per-kernel timers: wrap every function of the active kernel table ---------------------------------
const stats = new Map<string, { calls: number; ms: number }>();
let recording = false;
if (!values['no-kernels']) {
  const active = backend();
  const original = active.kernels as unknown as Record<string, (...args: unknown[]) => unknown>;
  const table: Record<string, (...args: unknown[]) => unknown> = {};
  active.kernels = table as unknown as typeof active.kernels;
  for (const name of Object.keys(original)) {
    const fn = original[name]!;
    if (typeof fn !== 'function') continue;
    table[name] = (...args: unknown[]) => {
      if (!recording) return fn(...args);
      const dims = args.filter((a) => typeof a === 'number' || typeof a === 'boolean').map(String);
      const key = `${name}(${dims.join(',')})`;
      const start = now();
      const out = fn(...args);
      const entry = stats.get(key) ?? { calls: 0, ms: 0 };
      entry.calls += 1;
      entry.ms += now() - start;
      stats.set(key, entry);
      return out;
    };
  }
}

// ---- phases: the body of HrmTrainer.trainStep with a timer around each part ----------------------------
const phases = new Map<string, number>();
function phase<T>(name: string, run: () => T): T {
  const start = now();
  const out = run();
  phases.set(name, (phases.get(name) ?? 0) + now() - start);
  return out;
}

trainer.trainStep(batch); // warmup
const steps = Number(values.steps);
recording = true;
t0 = now();
const each: number[] = [];
for (let i = 0; i < steps; i += 1) {
  const start = now();
  phase('step total', () => trainer.trainStep(batch));
  each.push(now() - start);
}
const total = now() - t0;
recording = false;
// a separate pass of the parts, to split the step (the kernel table above records both passes)
stats.clear();
recording = true;
for (let i = 0; i < steps; i += 1) {
  const model = trainer.model;
  const carry = trainer.carry!;
  const out = phase('forward + target Q', () =>
    model.forward(carry, batch, { training: true, rng: new Rng(i) }),
  );
  phase('loss', () => trainer.head.compute(carry, out));
  phase('zeroGrad', () => model.zeroGrad());
  phase('backward', () => trainer.head.backward(carry, out, 1 / rows));
  phase('adam', () => trainer.adam.update(weights, model.grads!, 1e-4));
}
recording = false;

console.log(
  `\n${steps} step(s): ${(total / steps).toFixed(1)} ms per step (each: ${each.map((ms) => ms.toFixed(1)).join(', ')})\n`,
);
console.log('| phase | ms per step |\n|---|---|');
for (const [name, ms] of phases) console.log(`| ${name} | ${(ms / steps).toFixed(1)} |`);
if (stats.size > 0) {
  const sorted = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  const kernelTotal = sorted.reduce((sum, [, s]) => sum + s.ms, 0);
  console.log(`\nkernels: ${(kernelTotal / steps).toFixed(1)} ms per step\n`);
  console.log('| kernel (numeric args) | calls/step | ms/step | µs/call |\n|---|---|---|---|');
  for (const [key, s] of sorted.slice(0, 40)) {
    console.log(
      `| ${key} | ${(s.calls / steps).toFixed(0)} | ${(s.ms / steps).toFixed(1)} | ${((s.ms / s.calls) * 1000).toFixed(1)} |`,
    );
  }
}

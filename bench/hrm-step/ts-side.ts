/**
 * hrm-lcb side of bench/hrm-step, run in its own process so its peak RSS is its own: times train steps or an
 * eval rollout on the given config, weights and batch, and prints one JSON line with the same fields as
 * torch_bench.py `run`.
 *
 * usage: node --import tsx bench/hrm-step/ts-side.ts CONFIG.json HYPER.json WEIGHTS BATCH train|eval REPS STEPS
 */
import { readFileSync } from 'node:fs';
import { batchFromTensorFile } from '../../src/hrm/batch.ts';
import { readTensorFile } from '../../src/hrm/checkpoint/files.ts';
import { stateDictToWeights } from '../../src/hrm/checkpoint/state-dict.ts';
import { parseHrmConfigJson } from '../../src/hrm/config.ts';
import { ActLossHead } from '../../src/hrm/loss-head.ts';
import { HrmModel } from '../../src/hrm/model.ts';
import { HrmTrainer, type HrmTrainHyper } from '../../src/hrm/train-step.ts';
import { describeBackend } from '../../src/tensor/index.ts';

const [configPath, hyperPath, weightsPath, batchPath, mode, repsText, stepsText] = process.argv.slice(
  2,
) as string[];
const config = parseHrmConfigJson(readFileSync(configPath!, 'utf8'), configPath!);
const weights = stateDictToWeights(await readTensorFile(weightsPath!), config, weightsPath!);
const batch = batchFromTensorFile(await readTensorFile(batchPath!), config, batchPath!);
const reps = Number(repsText);
const times: number[] = [];
let first: { loss: number; logits_abs_sum: number } | undefined;

function absSum(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += Math.abs(v);
  return sum;
}

if (mode === 'train') {
  const hyper = JSON.parse(readFileSync(hyperPath!, 'utf8')) as HrmTrainHyper;
  const trainer = new HrmTrainer(config, weights, hyper, 0);
  for (let i = 0; i <= reps; i += 1) {
    const start = performance.now();
    const result = trainer.trainStep(batch);
    times.push(performance.now() - start);
    first ??= { loss: result.loss, logits_abs_sum: absSum(result.outputs.logits.data) };
  }
} else {
  const model = new HrmModel(config, weights, batch.rows);
  const head = new ActLossHead(model);
  times.push(0); // no warmup: a 16-step rollout amortises it, and torch_bench.py does the same
  for (let i = 0; i < reps; i += 1) {
    const start = performance.now();
    const carry = model.initialCarry();
    let out = model.forward(carry, batch, { training: false });
    // ACT iterations of a random-init model amplify float32 rounding chaotically (f32 and f64 torch disagree
    // by step ~10 too), so the sides are compared after the first step
    first ??= { loss: head.compute(carry, out).loss, logits_abs_sum: absSum(out.logits.data) };
    for (let k = 1; k < Number(stepsText); k += 1) out = model.forward(carry, batch, { training: false });
    head.compute(carry, out);
    times.push(performance.now() - start);
  }
}
process.stdout.write(
  `${JSON.stringify({ ms: times.slice(1), first, peak_rss_mib: process.resourceUsage().maxRSS / 1024, backend: describeBackend() })}\n`,
);

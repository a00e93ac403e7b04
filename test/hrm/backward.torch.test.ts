import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readSafetensors, writeSafetensors } from '../../src/hrm/checkpoint/safetensors.ts';
import { weightsToStateDict } from '../../src/hrm/checkpoint/state-dict.ts';
import { fromInt32, toFloat32, toNumbers } from '../../src/hrm/checkpoint/stored-tensor.ts';
import { writeTorchPt } from '../../src/hrm/checkpoint/torch-pt.ts';
import { hrmConfigToJson, parseHrmConfig } from '../../src/hrm/config.ts';
import { initWeights } from '../../src/hrm/init.ts';
import { HrmTrainer, type HrmTrainHyper } from '../../src/hrm/train-step.ts';
import { ParamBuffers } from '../../src/hrm/weights.ts';
import { Rng } from '../../src/tensor/index.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { assertClose } from './fixtures.ts';

// The golden fixtures train only RoPE with one full puzzle slot. These configs cover the other backward
// paths (learned positions, zero-padded puzzle slots, no puzzle embedding so the q head and the lm head share
// position 0, L_cycles 3), checked against the PyTorch HRM of bench/hrm-step (itself checked on the fixtures).
const PYTHON = '/usr/bin/python3';
const TORCH_BENCH = join(REPO_ROOT, 'bench/hrm-step/torch_bench.py');
const HYPER: HrmTrainHyper = {
  global_batch_size: 3,
  lr: 1e-3,
  lr_min_ratio: 0.1,
  lr_warmup_steps: 0,
  total_steps: 10,
  beta1: 0.9,
  beta2: 0.95,
  weight_decay: 0.1,
  puzzle_emb_lr: 1e-2,
  puzzle_emb_weight_decay: 0.1,
};
const BASE = {
  batch_size: 3,
  seq_len: 12,
  vocab_size: 10,
  num_puzzle_identifiers: 4,
  hidden_size: 64,
  num_heads: 4,
};
const CASES = {
  'learned positions, 2 zero-padded puzzle slots, L_cycles 3': {
    ...BASE,
    pos_encodings: 'learned',
    puzzle_emb_ndim: 96,
    H_layers: 1,
    L_layers: 2,
    L_cycles: 3,
    halt_max_steps: 3,
    halt_exploration_prob: 0,
    forward_dtype: 'float32',
  },
  'RoPE without puzzle embedding (q head reads token 0)': {
    ...BASE,
    puzzle_emb_ndim: 0,
    H_layers: 2,
    L_layers: 1,
    H_cycles: 3,
    halt_max_steps: 2,
    halt_exploration_prob: 0,
    forward_dtype: 'float32',
  },
};

/**
 * Parameters after AdamATan2 step 1 within 1e-6, except where the gradient is float noise around zero
 * (|g| < 1e-5 max|g|): step 1 moves every element by about lr whatever |g| is, so noise can flip the sign
 * and the element may differ by up to 2 lr (manifest.json, tolerances_observed.suggested).
 */
function checkParamsAfter(
  name: string,
  got: Float32Array,
  want: Float32Array,
  grad: Float32Array | undefined,
  lr: number,
): void {
  if (grad === undefined) {
    assertClose(`after ${name}`, got, want, { atol: 1e-6 });
    return;
  }
  const noise = 1e-5 * grad.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
  let worst = 0;
  let flips = 0;
  for (let i = 0; i < want.length; i += 1) {
    const diff = Math.abs(got[i]! - want[i]!);
    if (Math.abs(grad[i]!) >= noise) worst = Math.max(worst, diff);
    else if (diff > 1e-6) {
      flips += 1;
      assert.ok(
        diff <= 2 * lr + 1e-6,
        `after ${name}: near-zero-gradient element ${i} moved ${diff}, more than 2 lr`,
      );
    }
  }
  assert.ok(
    worst <= 1e-6,
    `after ${name}: max |diff| ${worst.toExponential(3)} > 1e-6 where the gradient is not noise`,
  );
  assert.ok(flips <= Math.max(2, want.length * 1e-3), `after ${name}: ${flips} sign flips`);
}

describe('one training step equals the PyTorch HRM: every gradient, the loss and the updated parameters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hrm-bwd-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, raw] of Object.entries(CASES)) {
    it(name, () => {
      const config = parseHrmConfig(raw, name);
      const rng = new Rng(99);
      const weights = ParamBuffers.forConfig(config);
      initWeights(weights, rng);
      for (const key of ['q_head.weight', 'puzzle_emb.weights']) {
        if (!weights.has(key)) continue;
        const view = weights.get(key);
        for (let i = 0; i < view.length; i += 1) view[i] = (rng.uniform() - 0.5) * 0.3;
      }
      const B = config.batch_size;
      const S = config.seq_len;
      const inputs = Int32Array.from({ length: B * S }, () => rng.int(0, config.vocab_size - 1));
      const labels = Int32Array.from({ length: B * S }, (_, i) =>
        i % 5 === 0 ? -100 : rng.int(0, config.vocab_size - 1),
      );
      const ids = Int32Array.of(1, 3, 1); // a repeated id: sign-SGD sums its rows
      const files = {
        config: 'c.json',
        hyper: 'h.json',
        weights: 'w.pt',
        batch: 'b.safetensors',
        out: 'g.safetensors',
      };
      const path = (f: string) => join(dir, `${config.pos_encodings}.${config.puzzle_emb_ndim}.${f}`);
      writeFileSync(path(files.config), JSON.stringify(hrmConfigToJson(config)));
      writeFileSync(path(files.hyper), JSON.stringify(HYPER));
      writeFileSync(path(files.weights), writeTorchPt(weightsToStateDict(weights, config), 'w'));
      const batch = { inputs, labels, puzzleIdentifiers: ids };
      const batchFile = new Map([
        ['inputs', fromInt32(inputs, [B, S])],
        ['labels', fromInt32(labels, [B, S])],
        ['puzzle_identifiers', fromInt32(ids, [B])],
      ]);
      writeFileSync(path(files.batch), writeSafetensors({ tensors: batchFile, metadata: {} }));
      execFileSync(PYTHON, [
        TORCH_BENCH,
        'grads',
        '--config',
        path(files.config),
        '--hyper',
        path(files.hyper),
        '--weights',
        path(files.weights),
        '--batch',
        path(files.batch),
        '--out',
        path(files.out),
      ]);
      const torch = readSafetensors(readFileSync(path(files.out)), 'torch').tensors;

      const trainer = new HrmTrainer(config, weights, HYPER, 0);
      const result = trainer.trainStep(batch);
      const torchLoss = toNumbers(torch.get('loss')!)[0]!;
      assert.ok(
        Math.abs(result.loss - torchLoss) <= 1e-6 * Math.abs(torchLoss),
        `loss ${result.loss} vs ${torchLoss}`,
      );
      const grads = trainer.model.grads!;
      for (const spec of grads.table) {
        const want = toFloat32(torch.get(`grad.model.inner.${spec.name}`)!);
        assertClose(`grad ${spec.name}`, grads.get(spec.name), want, { atol: 1e-7, rtol: 1e-4 });
      }
      if (config.puzzle_emb_ndim > 0) {
        const want = toFloat32(torch.get('grad.model.inner.puzzle_emb.local_weights')!);
        assertClose('grad puzzle_emb.local_weights', trainer.model.embedding.dLocalWeights, want, {
          atol: 1e-7,
          rtol: 1e-4,
        });
      }
      for (const spec of weights.table) {
        const want = toFloat32(torch.get(`after.model.inner.${spec.name}`)!);
        const grad = torch.get(`grad.model.inner.${spec.name}`);
        checkParamsAfter(
          spec.name,
          weights.get(spec.name),
          want,
          grad === undefined ? undefined : toFloat32(grad),
          result.lr,
        );
      }
    });
  }
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseTensorFile } from '../../src/hrm/checkpoint/files.ts';
import { writeSafetensors } from '../../src/hrm/checkpoint/safetensors.ts';
import { fromInt32, toFloat32, toNumbers } from '../../src/hrm/checkpoint/stored-tensor.ts';
import { runHrmLcb, SHARED } from '../helpers/cli.ts';
import { assertClose, assertSameTensors } from '../hrm/fixtures.ts';

const HRM = join(SHARED, 'fixtures', 'hrm');
const dir = mkdtempSync(join(tmpdir(), 'hrm-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const read = (path: string) => parseTensorFile(readFileSync(path), path);
const tinyAConfig = join(dir, 'tiny_a.json');
writeFileSync(tinyAConfig, read(join(HRM, 'tiny_a/weights.safetensors')).metadata.config!);

describe('hrm-lcb hrm inspect', () => {
  it('prints keys, dtypes, shapes, parameter count and the implied config of an upstream .pt', async () => {
    const result = await runHrmLcb(['hrm', 'inspect', join(HRM, 'tiny_a/weights.pt')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /weights\.pt: pt, 23 tensors, 264,258 elements/);
    assert.match(
      result.stdout,
      /model\.inner\.H_level\.layers\.0\.self_attn\.qkv_proj\.weight\s+F32\s+\[192, 64\]/,
    );
    assert.match(result.stdout, /parameters \(model\.parameters\(\)\): 263,810/);
    assert.match(
      result.stdout,
      /config implied by the shapes: hidden_size 64, vocab_size 12, H_layers 2, L_layers 2/,
    );
    assert.match(
      result.stdout,
      /not stored in the weights \(give them with --config\): num_heads, H_cycles, L_cycles/,
    );
  });

  it('--json reads a pretrain.py-style checkpoint (no extension, _orig_mod., bf16 H_init)', async () => {
    const result = await runHrmLcb(['hrm', 'inspect', join(HRM, 'tiny_c_ckpt/step_0'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout);
    assert.equal(summary.format, 'pt');
    assert.equal(summary.hrm.prefix, '_orig_mod.model.inner.');
    assert.equal(summary.hrm.implied.forward_dtype, 'bfloat16');
    assert.equal(summary.hrm.implied.hidden_size, 32);
    assert.deepEqual(summary.tensors[0], {
      key: '_orig_mod.model.inner.H_init',
      dtype: 'BF16',
      shape: [32],
      numel: 32,
    });
  });

  it('says when a file is not an HRM state dict, and exits 3 on a file that is no checkpoint', async () => {
    const cases = await runHrmLcb(['hrm', 'inspect', join(HRM, 'torch_format/cases.pt')]);
    assert.equal(cases.code, 0, cases.stderr);
    assert.match(cases.stdout, /not an HRM state dict \(no embed_tokens\.embedding_weight\)/);
    const bad = await runHrmLcb(['hrm', 'inspect', join(HRM, 'manifest.json')]);
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /manifest\.json: neither a safetensors file nor a PyTorch zip checkpoint/);
  });
});

describe('hrm-lcb hrm convert', () => {
  it('.pt -> safetensors -> .pt keeps every tensor, and --config travels in the metadata', async () => {
    const st = join(dir, 'a.safetensors');
    const pt = join(dir, 'a.pt');
    const first = await runHrmLcb([
      'hrm',
      'convert',
      join(HRM, 'tiny_a/weights.pt'),
      st,
      '--config',
      tinyAConfig,
    ]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /wrote .*a\.safetensors \(safetensors, 23 tensors, 264,258 elements\)/);
    const second = await runHrmLcb(['hrm', 'convert', st, pt]);
    assert.equal(second.code, 0, second.stderr);
    const original = read(join(HRM, 'tiny_a/weights.pt'));
    assertSameTensors(read(st), original, 'safetensors');
    assertSameTensors(read(pt), original, '.pt');
    assert.equal(JSON.parse(read(pt).metadata.config!).hidden_size, 64);
  });

  it('renames the key prefix and casts to bf16 while H_init/L_init keep their dtype', async () => {
    const out = join(dir, 'step_7');
    const result = await runHrmLcb([
      'hrm',
      'convert',
      join(HRM, 'tiny_a/weights.safetensors'),
      out,
      '--key-prefix',
      '_orig_mod.model.inner.',
      '--dtype',
      'bf16',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const file = read(out);
    assert.equal(file.tensors.get('_orig_mod.model.inner.lm_head.weight')!.dtype, 'BF16');
    assert.equal(file.tensors.get('_orig_mod.model.inner.H_init')!.dtype, 'F32');
    const f32 = toFloat32(
      read(join(HRM, 'tiny_a/weights.safetensors')).tensors.get('model.inner.lm_head.weight')!,
    );
    assertClose('bf16 lm_head', toFloat32(file.tensors.get('_orig_mod.model.inner.lm_head.weight')!), f32, {
      atol: 0,
      rtol: 2 ** -8,
    });
  });

  it('rejects a config that does not fit the weights, naming the key (exit 3)', async () => {
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ ...JSON.parse(readFileSync(tinyAConfig, 'utf8')), H_layers: 3 }));
    const result = await runHrmLcb([
      'hrm',
      'convert',
      join(HRM, 'tiny_a/weights.pt'),
      join(dir, 'x.safetensors'),
      '--config',
      wrong,
    ]);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /missing model\.inner\.H_level\.layers\.2\.self_attn\.qkv_proj\.weight/);
  });
});

describe('hrm-lcb hrm forward', () => {
  it('writes the fixture eval rollout from the .pt weights: same names, dtypes and values', async () => {
    const out = join(dir, 'steps.safetensors');
    const result = await runHrmLcb([
      'hrm',
      'forward',
      '--config',
      tinyAConfig,
      '--weights',
      join(HRM, 'tiny_a/weights.pt'),
      '--batch',
      join(HRM, 'tiny_a/eval_batch.safetensors'),
      '--steps',
      '4',
      '--out',
      out,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /step 4: loss 8\.8492\d+ lm_loss 7\.1353\d+ .*count 3 exact_accuracy 1 .*\(all halted\)/,
    );
    const ours = read(out).tensors;
    const upstream = read(join(HRM, 'tiny_a/eval_steps.safetensors')).tensors;
    const expectedKeys = [...upstream.keys()].filter((k) => !/\.z_[HL]$/.test(k));
    assert.deepEqual([...ours.keys()].sort(), expectedKeys.sort());
    for (const key of expectedKeys) {
      const [a, b] = [ours.get(key)!, upstream.get(key)!];
      assert.equal(a.dtype, b.dtype, key);
      assert.deepEqual(a.shape, b.shape, key);
      if (a.dtype === 'F32') assertClose(key, toFloat32(a), toFloat32(b), { atol: 1e-4 });
      else assert.deepEqual(toNumbers(a), toNumbers(b), key);
    }
  });

  it('takes the config from the weights metadata, adds the carry with --with-carry, prints JSON with --json', async () => {
    const out = join(dir, 'b.safetensors');
    const result = await runHrmLcb([
      'hrm',
      'forward',
      '--weights',
      join(HRM, 'tiny_b/weights.safetensors'),
      '--batch',
      join(HRM, 'tiny_b/eval_batch.safetensors'),
      '--out',
      out,
      '--with-carry',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.steps, 2); // halt_max_steps of tiny_b
    assert.equal(report.losses.length, 2);
    const upstream = read(join(HRM, 'tiny_b/eval_steps.safetensors')).tensors;
    assertClose(
      'step2.z_H',
      toFloat32(read(out).tensors.get('step2.z_H')!),
      toFloat32(upstream.get('step2.z_H')!),
      { atol: 1e-4 },
    );
  });

  it('names the file and field of a bad batch (exit 3) and asks for --config when the weights carry none (exit 2)', async () => {
    const batch = join(dir, 'bad-batch.safetensors');
    const ids = Int32Array.from({ length: 64 }, (_, i) => (i === 5 ? 99 : 1));
    writeFileSync(
      batch,
      writeSafetensors({
        tensors: new Map([
          ['inputs', fromInt32(ids, [4, 16])],
          ['puzzle_identifiers', fromInt32(Int32Array.of(0, 1, 2, 3), [4])],
        ]),
        metadata: {},
      }),
    );
    const common = ['--batch', batch, '--out', join(dir, 'o.safetensors')];
    const bad = await runHrmLcb([
      'hrm',
      'forward',
      '--config',
      tinyAConfig,
      '--weights',
      join(HRM, 'tiny_a/weights.pt'),
      ...common,
    ]);
    assert.equal(bad.code, 3);
    assert.match(
      bad.stderr,
      /bad-batch\.safetensors: field inputs: value 99 at flat index 5 is not a token id in \[0, 12\)/,
    );
    const noConfig = await runHrmLcb([
      'hrm',
      'forward',
      '--weights',
      join(HRM, 'tiny_a/weights.pt'),
      ...common,
    ]);
    assert.equal(noConfig.code, 2);
    assert.match(noConfig.stderr, /weights\.pt carries no arch config; pass --config CFG\.json/);
    const missing = await runHrmLcb(['hrm', 'forward', '--config', tinyAConfig, ...common]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--weights: is required/);
  });
});

describe('hrm-lcb hrm compare', () => {
  it('passes our forward output against upstream within tolerance and fails (exit 1) beyond it', async () => {
    const out = join(dir, 'cmp.safetensors');
    const fwd = await runHrmLcb([
      'hrm',
      'forward',
      '--config',
      tinyAConfig,
      '--weights',
      join(HRM, 'tiny_a/weights.safetensors'),
      '--batch',
      join(HRM, 'tiny_a/eval_batch.safetensors'),
      '--out',
      out,
      '--with-carry',
    ]);
    assert.equal(fwd.code, 0, fwd.stderr);
    const upstream = join(HRM, 'tiny_a/eval_steps.safetensors');
    const ok = await runHrmLcb(['hrm', 'compare', out, upstream]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /ok {4}step4\.logits\s+max \|diff\| \d\.\d+e-\d+ \(limit 1\.000e-4\)/);
    assert.match(ok.stdout, /all 28 common tensors agree/);
    const strict = await runHrmLcb(['hrm', 'compare', out, upstream, '--atol', '1e-9', '--json']);
    assert.equal(strict.code, 1);
    const report = JSON.parse(strict.stdout);
    assert.equal(report.ok, false);
    assert.ok(report.tensors.some((t: { key: string; ok: boolean }) => t.key === 'step1.logits' && !t.ok));
    assert.ok(report.tensors.every((t: { key: string; ok: boolean }) => t.ok || !t.key.endsWith('.steps')));
  });

  it('fails on tensors missing from ACTUAL unless --ignore-missing', async () => {
    const out = join(dir, 'cmp2.safetensors');
    await runHrmLcb([
      'hrm',
      'forward',
      '--config',
      tinyAConfig,
      '--weights',
      join(HRM, 'tiny_a/weights.pt'),
      '--batch',
      join(HRM, 'tiny_a/eval_batch.safetensors'),
      '--out',
      out,
    ]);
    const upstream = join(HRM, 'tiny_a/eval_steps.safetensors');
    const strict = await runHrmLcb(['hrm', 'compare', out, upstream]);
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /MISSING {2}step1\.z_H/);
    assert.match(strict.stdout, /0 of 20 tensors differ, 8 missing/);
    const lenient = await runHrmLcb(['hrm', 'compare', out, upstream, '--ignore-missing']);
    assert.equal(lenient.code, 0, lenient.stdout);
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { toFloat32 } from '../../../src/hrm/checkpoint/stored-tensor.ts';
import { readTorchPt, writeTorchPt } from '../../../src/hrm/checkpoint/torch-pt.ts';
import { fixture, readFixture } from '../fixtures.ts';

// Debian's python3-torch (installed by scripts/setup.sh, here and in CI) is the reference loader.
const PYTHON = '/usr/bin/python3';

/**
 * Loads our file and torch's own file with torch.load (weights_only=True, the torch >= 2.6 default, and
 * the plain loader) and prints one line per key comparing dtype, shape, values and contiguity.
 */
const COMPARE = `
import sys, torch
ours_path, theirs_path = sys.argv[1], sys.argv[2]
theirs = torch.load(theirs_path, map_location="cpu")
for weights_only in (True, False):
    ours = torch.load(ours_path, map_location="cpu", weights_only=weights_only)
    assert type(ours).__name__ == "OrderedDict", type(ours)
    assert list(ours.keys()) == list(theirs.keys()), (list(ours.keys()), list(theirs.keys()))
    for k in theirs:
        a, b = ours[k], theirs[k]
        same = a.dtype == b.dtype and a.shape == b.shape and torch.equal(a, b) and a.is_contiguous()
        print(k, "ok" if same else f"DIFF {a.dtype} {tuple(a.shape)} vs {b.dtype} {tuple(b.shape)}")
`;

function compareInTorch(ours: string, theirs: string): string[] {
  const out = execFileSync(PYTHON, ['-c', COMPARE, ours, theirs], { encoding: 'utf8' });
  return out.trim().split('\n');
}

describe('our .pt files load in PyTorch (Debian torch 1.13) with identical values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hrm-pt-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, source, theirs] of [
    ['cases (every dtype, 0-d, empty, views)', 'torch_format/cases.safetensors', 'torch_format/cases.pt'],
    ['tiny_a weights', 'tiny_a/weights.safetensors', 'tiny_a/weights.pt'],
    ['tiny_c checkpoint (_orig_mod., bf16)', 'tiny_c_ckpt/step_0.safetensors', 'tiny_c_ckpt/step_0'],
  ] as const) {
    it(name, () => {
      const path = join(dir, `${source.replaceAll('/', '_')}.pt`);
      writeFileSync(path, writeTorchPt(readFixture(source), 'archive'));
      const lines = compareInTorch(path, fixture(theirs));
      const keys = readFixture(source).tensors.size;
      assert.equal(lines.length, 2 * keys, lines.join('\n'));
      assert.deepEqual(
        lines.filter((line) => !line.endsWith(' ok')),
        [],
      );
    });
  }

  it('reads what torch.save writes for a plain dict of nn.Parameter and for pickle protocol 4', () => {
    const path = join(dir, 'params.pt');
    const script = `import torch
a = torch.nn.Parameter(torch.arange(6.).reshape(2, 3))
torch.save({"a": a, "b": torch.tensor([1, 2], dtype=torch.int64)}, "${path}")
torch.save({"c": torch.ones(2, 2, dtype=torch.bfloat16)}, "${path}4", pickle_protocol=4)`;
    execFileSync(PYTHON, ['-c', script]);
    const file = readTorchPt(readFileSync(path), path);
    assert.deepEqual(Array.from(toFloat32(file.tensors.get('a')!)), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(file.tensors.get('b')!.dtype, 'I64');
    const v4 = readTorchPt(readFileSync(`${path}4`), `${path}4`);
    assert.deepEqual(Array.from(toFloat32(v4.tensors.get('c')!)), [1, 1, 1, 1]);
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeTorchPt } from '../../../src/hrm/checkpoint/torch-pt.ts';
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
});

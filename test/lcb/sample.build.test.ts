import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { loadCodeExecution, loadTestOutputPrediction, SAMPLE_DIR } from '../../src/lcb/index.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { tempDir } from './fixtures.ts';

// The committed sample must be exactly what its generator writes: reference solutions compute every expected
// output, build.py checks each wrong variant fails, and Python pickles the compressed private tests.
it('data/sample is what scripts/sample/build.py generates, byte for byte', async () => {
  const out = tempDir('hrm-lcb-sample-');
  execFileSync('/usr/bin/python3', [join(REPO_ROOT, 'scripts', 'sample', 'build.py'), out], {
    stdio: 'pipe',
  });
  for (const folder of ['code_generation_lite', 'references']) {
    const names = readdirSync(join(out, folder)).sort();
    assert.deepEqual(readdirSync(join(SAMPLE_DIR, folder)).sort(), names);
    for (const name of names) {
      assert.ok(
        readFileSync(join(out, folder, name)).equals(readFileSync(join(SAMPLE_DIR, folder, name))),
        `${folder}/${name} differs from a fresh build: run node --import tsx scripts/sample/build.ts`,
      );
    }
  }
  // the Parquet files hold the same rows as the generator's JSON Lines
  for (const [name, folder] of [
    ['test_generation.jsonl', 'test_generation'],
    ['execution.jsonl', 'execution-v2'],
  ] as const) {
    mkdirSync(join(out, 'rows', folder), { recursive: true });
    renameSync(join(out, name), join(out, 'rows', folder, 'test.jsonl'));
  }
  const strip = <T extends { source: unknown }>(p: T) => ({ ...p, source: null });
  const top = await loadTestOutputPrediction(join(out, 'rows'));
  assert.deepEqual((await loadTestOutputPrediction('sample')).problems.map(strip), top.problems.map(strip));
  const exec = await loadCodeExecution(join(out, 'rows'));
  assert.deepEqual((await loadCodeExecution('sample')).problems.map(strip), exec.problems.map(strip));
});

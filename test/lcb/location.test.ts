import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { resolveDataset, SAMPLE_DIR } from '../../src/lcb/location.ts';
import { SHARED } from '../helpers/cli.ts';
import { tempDir } from './fixtures.ts';

function touch(path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '');
}

it('finds every scenario in a root laid out like the HF downloads', () => {
  const root = tempDir();
  touch(join(root, 'code_generation_lite', 'test.jsonl'));
  touch(join(root, 'code_generation', 'test.jsonl'));
  touch(join(root, 'test_generation', 'test.parquet'));
  touch(join(root, 'execution-v2', 'data', 'test-00000-of-00001.parquet'));
  touch(join(root, 'execution-v2', '.cache', 'huggingface', 'junk.parquet'));
  touch(join(root, 'cruxeval', 'cruxeval.jsonl'));
  const layout = resolveDataset(root);
  assert.equal(layout.codeGenerationLite, join(root, 'code_generation_lite'));
  assert.equal(layout.codeGeneration, join(root, 'code_generation'));
  assert.deepEqual(layout.testGeneration, {
    format: 'parquet',
    files: [join(root, 'test_generation', 'test.parquet')],
  });
  assert.deepEqual(layout.execution, {
    kind: 'execution-v2',
    format: 'parquet',
    files: [join(root, 'execution-v2', 'data', 'test-00000-of-00001.parquet')],
  });
});

it('reads one HF folder by its name, a bare release folder, and a CRUXEval folder', () => {
  const root = tempDir();
  touch(join(root, 'test_generation', 'test.jsonl'));
  assert.deepEqual(resolveDataset(join(root, 'test_generation')).testGeneration, {
    format: 'jsonl',
    files: [join(root, 'test_generation', 'test.jsonl')],
  });
  touch(join(root, 'mine', 'test.jsonl'));
  assert.equal(resolveDataset(join(root, 'mine')).codeGenerationLite, join(root, 'mine'));
  assert.equal(resolveDataset(join(SHARED, 'data', 'cruxeval')).execution?.kind, 'cruxeval');
  assert.equal(resolveDataset('sample').root, SAMPLE_DIR);
  assert.equal(resolveDataset('sample').label, 'sample');
});

it('explains a location that is missing or holds no LCB data', () => {
  assert.throws(() => resolveDataset('/nonexistent/lcb'), /\/nonexistent\/lcb: no such directory/);
  const empty = tempDir();
  assert.throws(() => resolveDataset(empty), /holds no LiveCodeBench data/);
});

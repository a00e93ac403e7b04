import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { RUN_FORMAT, type RunConfig, type RunManifest } from '../../src/contracts/run.ts';
import { InputError } from '../../src/core/errors.ts';
import { fingerprintOf, readManifest, runPaths, writeManifest } from '../../src/evaluate/run-dir.ts';

const config: RunConfig = {
  scenarios: ['codegeneration'],
  dataset: {
    location: 'sample',
    filter: {
      release_version: 'release_latest',
      platform: [],
      difficulty: [],
      question_ids: [],
      exclude_errata: false,
      subset_seed: 0,
      start_date: '2024-01-01',
    },
    not_fast: false,
  },
  model: {
    backend: 'openai',
    model: 'm',
    base_url: 'http://127.0.0.1:8000/v1',
    api_key_env: 'OPENAI_API_KEY',
    concurrency: 8,
    timeout_ms: 90_000,
    max_attempts: 8,
  },
  prompt_style: 'OpenAIChat',
  sampling: { n: 10, temperature: 0.2, top_p: 0.95, max_tokens: 2000, stop: [] },
  cot_code_execution: false,
  grading: { mode: 'lcb', timeout_s: 6, extraction: 'lcb' },
  self_repair_source: null,
  selection_hash: 'abc',
};

it('fingerprints what decides scores, and nothing that only changes speed', () => {
  const base = fingerprintOf(config);
  assert.match(base, /^[0-9a-f]{64}$/);
  const faster = {
    ...config,
    model: { ...config.model, concurrency: 64, timeout_ms: 5_000, max_attempts: 2, api_key_env: 'K' },
  };
  assert.equal(fingerprintOf(faster as RunConfig), base);
  const changes: Partial<RunConfig>[] = [
    { sampling: { ...config.sampling, temperature: 0.7 } },
    { grading: { ...config.grading, timeout_s: 10 } },
    { grading: { ...config.grading, mode: 'fixed' } },
    { prompt_style: 'GenericBase' },
    { dataset: { ...config.dataset, filter: { ...config.dataset.filter, end_date: '2024-06-30' } } },
    { selection_hash: 'def' },
    { scenarios: ['codegeneration', 'codeexecution'] },
  ];
  for (const change of changes)
    assert.notEqual(fingerprintOf({ ...config, ...change }), base, JSON.stringify(change));
});

it('writes and reads run.json; refuses other formats, versions and edited configs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hrm-lcb-rundir-'));
  assert.equal(await readManifest(dir), undefined);
  const manifest: RunManifest = {
    format: RUN_FORMAT,
    version: 1,
    fingerprint: fingerprintOf(config),
    config,
    shard: { index: 2, count: 4 },
    operations: { grading_slots: 2, cache_dir: null },
    merged_from: [],
    created_at: '2026-01-01T00:00:00Z',
    hrm_lcb_version: '0.1.0',
  };
  await writeManifest(dir, manifest);
  assert.deepEqual(await readManifest(dir), manifest);
  const file = runPaths(dir).manifest;
  const cases: [unknown, RegExp][] = [
    [{ ...manifest, format: 'other' }, /not an hrm-lcb run manifest/],
    [{ ...manifest, version: 9 }, /run format version 9; this hrm-lcb reads 1/],
    [
      { ...manifest, config: { ...config, sampling: { ...config.sampling, n: 1 } } },
      /fingerprint does not match/,
    ],
    [{ ...manifest, shard: { index: 5, count: 4 } }, /shard index/],
  ];
  for (const [value, message] of cases) {
    writeFileSync(file, JSON.stringify(value));
    await assert.rejects(
      readManifest(dir),
      (error: unknown) => error instanceof InputError && message.test(error.message),
    );
  }
});

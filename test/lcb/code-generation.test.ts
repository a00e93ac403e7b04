import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  codeGenerationSample,
  loadCodeGeneration,
  openCodeGeneration,
  RELEASE_FILES,
  releaseFiles,
} from '../../src/lcb/index.ts';
import { codegenRow, tempDir, writeLite } from './fixtures.ts';

// Rows per release file of the embedded sample (test.jsonl … test6.jsonl).
const SAMPLE_ROWS_PER_FILE = [13, 7, 6, 6, 7, 6];

describe('openCodeGeneration on the embedded sample', () => {
  it('reads exactly the files of each version tag', async () => {
    for (const [tag, expected] of [
      ['release_v1', 13],
      ['release_v2', 20],
      ['release_v3', 26],
      ['release_v6', 45],
      ['release_latest', 45],
      ['v2', 7],
      ['v5', 7],
      ['v4_v5', 13],
      ['v1_v3', 26],
    ] as const) {
      const set = await openCodeGeneration('sample', { filter: { release_version: tag } });
      assert.equal(set.problems.length, expected, tag);
      const files = releaseFiles(tag)!;
      assert.deepEqual(
        set.files.map((file) => file.split('/').at(-1)),
        files,
      );
      const perFile = files.map((name) => SAMPLE_ROWS_PER_FILE[RELEASE_FILES.indexOf(name as never)]!);
      assert.equal(
        set.rows,
        perFile.reduce((a, b) => a + b, 0),
      );
    }
  });

  it('sorts by question_id as LCB does (Python string order), whatever the file order', async () => {
    const set = await openCodeGeneration('sample');
    const ids = set.problems.map((p) => p.question_id);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)),
    );
    assert.equal(ids[0], '9101');
    assert.equal(ids.at(-1), 'arc902_b');
  });

  it('decodes plain and compressed private tests, public tests first in the evaluation sample', async () => {
    const problems = await loadCodeGeneration('sample', { filter: { question_ids: ['9113', 'abc903_d'] } });
    assert.deepEqual(
      problems.map((p) => p.question_id),
      ['9113', 'abc903_d'],
    );
    const [functional, stdin] = problems as [(typeof problems)[0], (typeof problems)[0]];
    const sample = codeGenerationSample(functional);
    assert.equal(sample.fn_name, 'minEditSteps');
    assert.deepEqual(sample.inputs.slice(0, 2), ['"horse"\n"ros"', '""\n"abc"']);
    assert.deepEqual(sample.outputs.slice(0, 2), ['3', '3']);
    assert.equal(
      sample.inputs.length,
      functional.public_test_cases.length + functional.private_test_cases.length,
    );
    assert.ok(functional.private_test_cases.every((t) => t.testtype === 'functional'));
    const stdinSample = codeGenerationSample(stdin);
    assert.equal(stdinSample.fn_name, null);
    assert.equal(stdinSample.inputs[0], stdin.public_test_cases[0]!.input);
    assert.equal(stdin.private_test_cases.length, 4);
    assert.ok(stdin.private_test_cases.every((t) => t.testtype === 'stdin' && t.output.endsWith('\n')));
  });

  it('keeps the naive date text and an exact comparable form', async () => {
    const set = await openCodeGeneration('sample', { filter: { question_ids: ['9113'] } });
    const [problem] = set.problems;
    assert.equal(problem!.contest_date, '2025-01-11T18:30:00');
    assert.equal(problem!.contest_date_us, Date.UTC(2025, 0, 11, 18, 30) * 1000);
    assert.deepEqual(problem!.metadata, { func_name: 'minEditSteps' });
    assert.match(problem!.source.file, /code_generation_lite\/test5\.jsonl$/);
  });

  it('streams one problem at a time by offset and closes its files', async () => {
    const set = await openCodeGeneration('sample', { filter: { release_version: 'v6' } });
    let count = 0;
    for await (const problem of set) {
      count += 1;
      assert.ok(
        problem.public_test_cases.length + problem.private_test_cases.length >= 5,
        problem.question_id,
      );
    }
    assert.equal(count, 6);
  });
});

describe('openCodeGeneration on a download', () => {
  it('reads a folder holding test.jsonl directly and the un-pruned set with --not-fast', async () => {
    const root = tempDir();
    const lite = writeLite(root, { 'test.jsonl': [codegenRow(), codegenRow({ question_id: 'abc999_b' })] });
    assert.equal((await openCodeGeneration(lite, { filter: { release_version: 'v1' } })).problems.length, 2);
    mkdirSync(join(root, 'code_generation'));
    writeFileSync(
      join(root, 'code_generation', 'test.jsonl'),
      `${JSON.stringify(codegenRow({ question_id: 'full_1' }))}\n`,
    );
    const notFast = await openCodeGeneration(root, { notFast: true });
    assert.deepEqual(
      notFast.problems.map((p) => p.question_id),
      ['full_1'],
    );
  });

  it('names the missing release file a version needs', async () => {
    const root = tempDir();
    writeLite(root, { 'test.jsonl': [codegenRow()], 'test2.jsonl': [codegenRow({ question_id: 'b' })] });
    await assert.rejects(
      openCodeGeneration(root, { filter: { release_version: 'release_v3' } }),
      /test3\.jsonl: missing: --release-version release_v3 reads test\.jsonl, test2\.jsonl, test3\.jsonl/,
    );
    assert.equal(
      (await openCodeGeneration(root, { filter: { release_version: 'release_v2' } })).problems.length,
      2,
    );
  });

  it('keeps duplicate question_ids across files, as LCB does, in stable order', async () => {
    const root = tempDir();
    writeLite(root, {
      'test.jsonl': [codegenRow({ question_title: 'first' })],
      'test2.jsonl': [codegenRow({ question_title: 'second' })],
    });
    const set = await openCodeGeneration(root, { filter: { release_version: 'release_v2' } });
    assert.deepEqual(
      set.problems.map((p) => p.question_title),
      ['first', 'second'],
    );
    const loaded = await set.loadAll();
    assert.deepEqual(
      loaded.map((p) => p.question_title),
      ['first', 'second'],
    );
  });
});

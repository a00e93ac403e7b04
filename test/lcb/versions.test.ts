import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isReleaseVersion, releaseFiles, releaseVersionTags } from '../../src/lcb/versions.ts';

const F = ['test.jsonl', 'test2.jsonl', 'test3.jsonl', 'test4.jsonl', 'test5.jsonl', 'test6.jsonl'];

it('maps every version tag LCB knows to its files (the HF script ALLOWED_FILES table)', () => {
  const expected: Record<string, string[]> = {
    release_v1: F.slice(0, 1),
    release_v2: F.slice(0, 2),
    release_v3: F.slice(0, 3),
    release_v4: F.slice(0, 4),
    release_v5: F.slice(0, 5),
    release_v6: F,
    release_latest: F,
    v1: ['test.jsonl'],
    v2: ['test2.jsonl'],
    v3: ['test3.jsonl'],
    v4: ['test4.jsonl'],
    v5: ['test5.jsonl'],
    v6: ['test6.jsonl'],
  };
  for (let a = 1; a <= 6; a++) for (let b = a + 1; b <= 6; b++) expected[`v${a}_v${b}`] = F.slice(a - 1, b);
  assert.equal(Object.keys(expected).length, 28);
  assert.deepEqual(releaseVersionTags().sort(), Object.keys(expected).sort());
  for (const [tag, files] of Object.entries(expected)) assert.deepEqual(releaseFiles(tag), files, tag);
  assert.deepEqual(releaseFiles('v4_v5'), ['test4.jsonl', 'test5.jsonl']);
});

it('rejects tags LCB does not know', () => {
  for (const tag of [
    'release_v0',
    'release_v7',
    'v0',
    'v7',
    'v2_v2',
    'v3_v1',
    'v1_v7',
    'latest',
    'release_v01',
    '',
    'V1',
  ]) {
    assert.equal(releaseFiles(tag), undefined, tag);
    assert.equal(isReleaseVersion(tag), false, tag);
  }
});

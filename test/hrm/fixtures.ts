/** Paths and loaders for the golden HRM fixtures in ../shared/fixtures/hrm (docs/hrm.md §10). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTensorFile } from '../../src/hrm/checkpoint/files.ts';
import type { TensorFile } from '../../src/hrm/checkpoint/stored-tensor.ts';
import { SHARED } from '../helpers/cli.ts';

/** Root of the HRM fixtures. */
export const FIXTURES = join(SHARED, 'fixtures', 'hrm');

/** Absolute path of a fixture file, e.g. `fixture('tiny_a/weights.pt')`. */
export function fixture(relative: string): string {
  return join(FIXTURES, relative);
}

/** Read and parse a fixture checkpoint (safetensors or .pt). */
export function readFixture(relative: string): TensorFile {
  return parseTensorFile(readFileSync(fixture(relative)), fixture(relative));
}

/** Read a JSON fixture. */
export function readFixtureJson<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(fixture(relative), 'utf8')) as T;
}

/** Assert two tensor files hold the same keys (in order), dtypes, shapes and bytes. */
export function assertSameTensors(actual: TensorFile, expected: TensorFile, what = 'tensors'): void {
  assert.deepEqual([...actual.tensors.keys()], [...expected.tensors.keys()], `${what}: keys`);
  for (const [key, want] of expected.tensors) {
    const got = actual.tensors.get(key)!;
    assert.equal(got.dtype, want.dtype, `${what}: ${key} dtype`);
    assert.deepEqual(got.shape, want.shape, `${what}: ${key} shape`);
    assert.ok(Buffer.from(got.data).equals(Buffer.from(want.data)), `${what}: ${key} bytes differ`);
  }
}

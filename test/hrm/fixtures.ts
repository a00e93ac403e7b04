/** Paths and loaders for the golden HRM fixtures in ../shared/fixtures/hrm (docs/hrm.md §10). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTensorFile } from '../../src/hrm/checkpoint/files.ts';
import type { TensorFile } from '../../src/hrm/checkpoint/stored-tensor.ts';
import { type BackendName, nativeBackend, useBackend } from '../../src/tensor/index.ts';
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

/** Largest |a - b| and the index where it occurs. */
export function maxAbsDiff(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
): { diff: number; at: number } {
  let diff = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i += 1) {
    const d = Math.abs(actual[i]! - expected[i]!);
    if (!(d <= diff)) {
      diff = d;
      at = i;
    }
  }
  return { diff, at };
}

/**
 * Assert |actual - expected| <= atol + rtol * max|expected| element-wise; the message names the tensor, the
 * max difference and where it is.
 */
export function assertClose(
  name: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: { atol: number; rtol?: number },
): void {
  assert.equal(actual.length, expected.length, `${name}: length ${actual.length} vs ${expected.length}`);
  let scale = 0;
  for (let i = 0; i < expected.length; i += 1) scale = Math.max(scale, Math.abs(expected[i]!));
  const limit = tolerance.atol + (tolerance.rtol ?? 0) * scale;
  const { diff, at } = maxAbsDiff(actual, expected);
  assert.ok(
    diff <= limit,
    `${name}: max |diff| ${diff.toExponential(3)} > ${limit.toExponential(3)} at index ${at} (got ${actual[at]}, want ${expected[at]})`,
  );
}

/**
 * The tensor backends to run a golden test on: the pure-TS reference always, the native addon when it
 * loads (CI builds it). Each entry switches the active backend when called.
 */
export function goldenBackends(): { name: BackendName; use: () => void }[] {
  const names: BackendName[] = nativeBackend() === undefined ? ['ts'] : ['native', 'ts'];
  return names.map((name) => ({ name, use: () => void useBackend(name) }));
}

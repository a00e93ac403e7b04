/** Small LCB-shaped rows and temporary dataset folders for the data-layer tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { deflateSync } from 'node:zlib';

/** A fresh temporary directory, removed when the test file ends. */
export function tempDir(prefix = 'hrm-lcb-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** base64(zlib(pickle protocol 4 of one str)), built by hand the way Python writes it for short strings. */
export function encodeTests(tests: unknown): string {
  const json = Buffer.from(JSON.stringify(tests));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const pickle = Buffer.concat([Buffer.from([0x80, 4, 0x58]), length, json, Buffer.from([0x94, 0x2e])]);
  return deflateSync(pickle).toString('base64');
}

/** A valid raw code-generation row (every field a string), with overrides. */
export function codegenRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    question_title: 'Tiny Sum',
    question_content: 'Print a + b.',
    platform: 'atcoder',
    question_id: 'abc999_a',
    contest_id: 'abc999',
    contest_date: '2024-06-01T00:00:00',
    starter_code: '',
    difficulty: 'easy',
    public_test_cases: JSON.stringify([{ input: '1 2\n', output: '3\n', testtype: 'stdin' }]),
    private_test_cases: encodeTests([{ input: '5 5\n', output: '10\n', testtype: 'stdin' }]),
    metadata: '{}',
    ...overrides,
  };
}

/** Write a code_generation_lite folder: file name → rows (objects, or raw line text). */
export function writeLite(
  root: string,
  files: Record<string, Array<Record<string, unknown> | string>>,
): string {
  const dir = join(root, 'code_generation_lite');
  mkdirSync(dir, { recursive: true });
  for (const [name, rows] of Object.entries(files)) {
    const text = rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n');
    writeFileSync(join(dir, name), `${text}\n`);
  }
  return dir;
}

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runHrmLcb, SHARED } from '../helpers/cli.ts';

const CORPUS = `${SHARED}conformance/lcb-conformance.jsonl`;

interface ConformanceJson {
  total: number;
  passed: number;
  byKind: Record<string, { total: number; pass: number; mismatch: number; notImplemented: number }>;
  failing: { id: string; status: string }[];
}

function tempFile(lines: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'conformance-')), 'cases.jsonl');
  writeFileSync(
    path,
    `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`,
  );
  return path;
}

describe('hrm-lcb conformance', () => {
  it('matches upstream on every case of the shared corpus, every kind (prompt included)', async () => {
    const result = await runHrmLcb(['conformance', CORPUS, '--json'], { timeoutMs: 300_000 });
    assert.equal(result.code, 0, result.stderr + result.stdout.slice(-2000));
    const report = JSON.parse(result.stdout) as ConformanceJson;
    assert.equal(report.total, readFileSync(CORPUS, 'utf8').trim().split('\n').length);
    assert.equal(report.passed, report.total);
    assert.deepEqual(report.failing, []);
    for (const kind of [
      'codegen',
      'extract_code',
      'test_output',
      'code_execution',
      'code_execution_list',
      'metrics',
      'prompt',
    ]) {
      assert.ok((report.byKind[kind]?.total ?? 0) > 0, kind);
      assert.equal(report.byKind[kind]!.pass, report.byKind[kind]!.total, kind);
    }
  });

  it('prints each mismatch with upstream value and ours, and exits 1', async () => {
    const file = tempFile([
      { id: 'pk-ok', kind: 'pass_at_k', n: 10, c: 3, k: 1, expected: 0.30000000000000004 },
      { id: 'pk-wrong', kind: 'pass_at_k', n: 10, c: 3, k: 1, expected: 0.3 },
      { id: 'x-new', kind: 'some_future_kind', payload: 1 },
    ]);
    const result = await runHrmLcb(['conformance', file]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /pass_at_k\s+1\/2 {2}1 mismatch/);
    assert.match(
      result.stdout,
      /MISMATCH pk-wrong \(pass_at_k, line 2\)\n {2}upstream: 0\.3\n {2}hrm-lcb: {2}0\.30000000000000004/,
    );
    assert.match(result.stdout, /NOT IMPLEMENTED x-new \(some_future_kind, line 3\)/);
    assert.match(result.stdout, /1\/3 cases match upstream/);
  });

  it('rejects a malformed line naming file, line and field, before running anything (exit 3)', async () => {
    const file = tempFile([
      { id: 'ok', kind: 'pass_at_k', n: 1, c: 1, k: 1, expected: 1 },
      { id: 'bad', kind: 'pass_at_k', n: 'ten', c: 1, k: 1, expected: 1 },
    ]);
    const result = await runHrmLcb(['conformance', file]);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /cases\.jsonl:2: field n: /);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    const notJson = tempFile(['{"id": "a", "kind": "pass_at_k"', '']);
    const second = await runHrmLcb(['conformance', notJson]);
    assert.equal(second.code, 3);
    assert.match(second.stderr, /cases\.jsonl:1: invalid JSON/);
  });
});

/**
 * Loading a 1 GB release file (≈500 problems, ≈2 MB of encoded private tests each, like the real
 * `testN.jsonl`): rows/s, MB/s and peak RSS with tests decoded and with metadata only, against a baseline
 * that only streams lines and JSON.parses them (no validation, no decoding), all measured in this run.
 * Each pass runs in its own process so each peak RSS is its own. The ids every pass returns must match the
 * generated file and the decoded test count must match what was written; metadata-only must stay under
 * 300 MB peak RSS. Exits 1 when a check fails.
 *
 *   npm run bench:lcb-load [-- --problems 500 --private-mb 2 --keep DIR]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateReleaseFile } from './generate.ts';
import type { PassResult } from './measure.ts';

const METADATA_RSS_LIMIT_MB = 300;
const MEASURE = fileURLToPath(new URL('./measure.ts', import.meta.url));

const { values } = parseArgs({
  options: {
    problems: { type: 'string', default: '500' },
    'private-mb': { type: 'string', default: '2' },
    keep: { type: 'string' },
  },
});
const problems = Number(values.problems);
const privateBytes = Math.round(Number(values['private-mb']) * 2 ** 20);

function pass(mode: string, dir: string): PassResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', MEASURE, mode, dir], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as PassResult;
}

const root = values.keep ?? mkdtempSync(join(tmpdir(), 'hrm-lcb-bench-load-'));
const dir = join(root, 'code_generation_lite');
mkdirSync(dir, { recursive: true });
try {
  const genStart = Date.now();
  const generated = await generateReleaseFile(join(dir, 'test.jsonl'), problems, privateBytes);
  const mb = generated.bytes / 2 ** 20;
  console.log(
    `generated ${generated.file}: ${mb.toFixed(0)} MB, ${generated.problems} problems, ${generated.tests} tests (${((Date.now() - genStart) / 1000).toFixed(1)} s)`,
  );
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`);
  const expectedHash = createHash('sha256')
    .update([...generated.ids].sort().join('\n'))
    .digest('hex')
    .slice(0, 16);

  const results = ['baseline', 'metadata', 'decoded'].map((mode) => pass(mode, dir));
  const failures: string[] = [];
  for (const r of results) {
    if (r.idsHash !== expectedHash || r.rows !== generated.problems)
      failures.push(`${r.mode}: ids differ from the file`);
  }
  const decoded = results[2]!;
  if (decoded.tests !== generated.tests)
    failures.push(`decoded: ${decoded.tests} tests, the file has ${generated.tests}`);
  const metadata = results[1]!;
  if (metadata.peakRssMb >= METADATA_RSS_LIMIT_MB) {
    failures.push(`metadata: peak RSS ${metadata.peakRssMb.toFixed(0)} MB >= ${METADATA_RSS_LIMIT_MB} MB`);
  }

  const base = results[0]!;
  console.log('\n| pass | seconds | rows/s | MB/s | tests/s | peak RSS (MB) | time vs baseline |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    const testsPerSecond = r.tests > 0 ? (r.tests / r.seconds).toFixed(0) : '-';
    console.log(
      `| ${r.mode} | ${r.seconds.toFixed(2)} | ${(r.rows / r.seconds).toFixed(0)} | ${(mb / r.seconds).toFixed(0)} | ${testsPerSecond} | ${r.peakRssMb.toFixed(0)} | ${(r.seconds / base.seconds).toFixed(2)}× |`,
    );
  }
  console.log(`\n(startup RSS of a pass process before loading: ${base.startRssMb.toFixed(0)} MB)`);
  if (failures.length > 0) {
    for (const failure of failures) console.error(`FAIL ${failure}`);
    process.exitCode = 1;
  } else {
    console.log(
      `checks passed: ids and test counts match the file; metadata-only peak RSS < ${METADATA_RSS_LIMIT_MB} MB`,
    );
  }
} finally {
  if (values.keep === undefined) rmSync(root, { recursive: true, force: true });
}

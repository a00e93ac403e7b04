/**
 * `hrm-lcb evaluate` at scale: 100,000 replayed generations (10,000 test-output-prediction rows × n = 10)
 * graded in the real sandbox, journaled and reported, with peak RSS of the evaluate process and of the
 * report process. The report phase runs against a baseline measured in the same run: a naive reporter
 * that loads the whole journal into memory and writes LCB's `_eval_all.json` with one `JSON.stringify`.
 * Checks, before any number is printed: every sample has exactly one journal row; the run's pass@1 equals
 * the score built into the replay; both reporters agree on pass@1 and on every graded list; peak RSS of
 * evaluate and report stays under 500 MB. Exits 1 when a check fails.
 *
 *   npm run bench:evaluate-scale [-- --rows 10000 --n 10 --slots N --keep DIR]
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeWorkload } from './workload.ts';

const RSS_LIMIT_MB = 500;
const BIN = fileURLToPath(new URL('../../bin/hrm-lcb.js', import.meta.url));
const PROBE = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url));
const NAIVE = fileURLToPath(new URL('./naive-report.ts', import.meta.url));

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    n: { type: 'string', default: '10' },
    slots: { type: 'string', default: String(availableParallelism()) },
    keep: { type: 'string' },
  },
});
const rows = Number(values.rows);
const n = Number(values.n);

interface Measured {
  seconds: number;
  rssMb: number;
  stdout: string;
  stderr: string;
}

/** Run a Node program with the RSS probe preloaded; its own peak RSS, not its children's. */
function measure(args: string[]): Promise<Measured> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', PROBE, ...args],
      { maxBuffer: 1 << 28 },
      (error, stdout, stderr) => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const kb = /bench-maxrss-kb (\d+)/.exec(stderr)?.[1];
        if (error !== null && (error.code ?? 0) !== 0) {
          reject(new Error(`${args.join(' ')} failed (${error.code}):\n${stderr.slice(-2000)}`));
          return;
        }
        resolve({ seconds, rssMb: Number(kb) / 1024, stdout, stderr });
      },
    );
  });
}

function digestOfGraded(lists: readonly (readonly boolean[])[]): string {
  return createHash('sha256').update(JSON.stringify(lists)).digest('hex');
}

const root = values.keep ?? mkdtempSync(join(tmpdir(), 'hrm-lcb-bench-eval-'));
const failures: string[] = [];
try {
  const workload = await writeWorkload(root, rows, n);
  console.log(
    `workload: ${rows} test-output-prediction rows × n=${n} = ${workload.samples} replayed generations in ${root}`,
  );
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}, sandbox slots ${values.slots}`,
  );

  const run = join(root, 'run');
  const evaluate = await measure([
    BIN,
    'evaluate',
    '--model-path',
    `replay:${workload.replayFile}`,
    '--dataset',
    workload.datasetDir,
    '--scenarios',
    'testprediction',
    '--n',
    String(n),
    '--output-dir',
    run,
    '--sandbox-slots',
    values.slots!,
    '--progress',
    'plain',
    '--reporter',
    'tty',
  ]);
  const journal = readFileSync(join(run, 'journal.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  const keys = new Set(
    journal.map((line) => {
      const row = JSON.parse(line) as { problem_id: string; sample: number; status: string };
      if (row.status !== 'graded') failures.push(`${row.problem_id}/${row.sample} ended ${row.status}`);
      return `${row.problem_id}/${row.sample}`;
    }),
  );
  if (journal.length !== workload.samples || keys.size !== workload.samples) {
    failures.push(`journal has ${journal.length} rows, ${keys.size} keys; expected ${workload.samples}`);
  }

  const streaming = await measure([BIN, 'report', run, '--reporter', 'json,csv,html']);
  const naiveOut = join(root, 'naive_eval_all.json');
  const naive = await measure(['--import', 'tsx', NAIVE, run, naiveOut]);

  const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as {
    scenarios: { overall: { passAt: Record<string, number> } }[];
  };
  const ours = summary.scenarios[0]!.overall.passAt['pass@1']!;
  const resultsDir = join(run, 'results');
  const evalAllFile = join(
    resultsDir,
    readdirSync(resultsDir).find((name) => name.endsWith('_eval_all.json'))!,
  );
  const evalAll = JSON.parse(readFileSync(evalAllFile, 'utf8')) as { graded_list: boolean[] }[];
  const baseline = JSON.parse(naive.stdout.trim()) as { passAt1: number; digest: string };
  if (Math.abs(ours - workload.passAt1) > 1e-12)
    failures.push(`pass@1 ${ours}, replay built for ${workload.passAt1}`);
  if (Math.abs(baseline.passAt1 - ours) > 1e-12)
    failures.push(`baseline pass@1 ${baseline.passAt1} vs ${ours}`);
  if (digestOfGraded(evalAll.map((row) => row.graded_list)) !== baseline.digest)
    failures.push('graded lists differ from the baseline');
  for (const [name, m] of [
    ['evaluate', evaluate],
    ['report', streaming],
  ] as const) {
    if (m.rssMb >= RSS_LIMIT_MB)
      failures.push(`${name} peak RSS ${m.rssMb.toFixed(0)} MB ≥ ${RSS_LIMIT_MB} MB`);
  }
  if (failures.length > 0) throw new Error(failures.join('\n'));

  const mb = (file: string): string => (statSync(file).size / 2 ** 20).toFixed(1);
  console.log(
    `checks passed: ${workload.samples} journal rows, pass@1 ${(100 * ours).toFixed(2)}% as built, reporters agree`,
  );
  console.log(
    `files: journal ${mb(join(run, 'journal.jsonl'))} MB, _eval_all.json ${mb(evalAllFile)} MB, report.html ${mb(join(run, 'report.html'))} MB`,
  );
  console.log('');
  console.log('| phase | seconds | generations/s | peak RSS (MB) | vs baseline |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| evaluate (generate from replay, grade in sandbox, journal) | ${evaluate.seconds.toFixed(1)} | ${(workload.samples / evaluate.seconds).toFixed(0)} | ${evaluate.rssMb.toFixed(0)} | - |`,
  );
  console.log(
    `| report: hrm-lcb report (streamed; json, csv, html) | ${streaming.seconds.toFixed(1)} | ${(workload.samples / streaming.seconds).toFixed(0)} | ${streaming.rssMb.toFixed(0)} | time ${(streaming.seconds / naive.seconds).toFixed(2)}×, RSS ${(streaming.rssMb / naive.rssMb).toFixed(2)}× |`,
  );
  console.log(
    `| report baseline: whole journal in memory, eval_all only | ${naive.seconds.toFixed(1)} | ${(workload.samples / naive.seconds).toFixed(0)} | ${naive.rssMb.toFixed(0)} | 1.00× |`,
  );
} catch (error) {
  console.error(`bench:evaluate-scale FAILED\n${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  if (values.keep === undefined) rmSync(root, { recursive: true, force: true });
}

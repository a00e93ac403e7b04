/**
 * `npm run bench:grader`: the 200 generations of `../shared/bench/grader-workload.jsonl` (20 problems,
 * stdin and functional, 10 tests each, right and wrong programs mixed) graded the LCB way two ways in the
 * same run, on 2 lanes each:
 * - ours: `judgeGeneration` through the sandbox (fork-server per slot in bwrap; one run per generation,
 *   all its tests in one process, verdicts on the host, stop at the first failure);
 * - baseline: a fresh interpreter per test (`spawn-per-test.ts`), no sandbox.
 * Both must give identical results and metadata (execution times aside) for every generation before any
 * number is printed. Prints generations/s and tests/s for each, and the ratio.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import type { CodegenProblem, CodegenVerdict } from '../../src/grade/codegen.ts';
import { judgeGeneration } from '../../src/judge/codegen.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { gradePerTest } from './spawn-per-test.ts';

interface WorkloadRow {
  question_id: string;
  fn_name: string | null;
  inputs: string[];
  outputs: string[];
  code: string;
}

const WORKLOAD = new URL('../../../shared/bench/grader-workload.jsonl', import.meta.url);
const LANES = 2;
const TIMEOUT_SECONDS = 6;

const rows = readFileSync(WORKLOAD, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as WorkloadRow);
const problemOf = (row: WorkloadRow): CodegenProblem => ({
  fnName: row.fn_name,
  inputs: row.inputs,
  outputs: row.outputs,
});

async function timed(
  grade: (row: WorkloadRow) => Promise<CodegenVerdict>,
): Promise<{ seconds: number; verdicts: CodegenVerdict[] }> {
  const verdicts: CodegenVerdict[] = new Array(rows.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      while (next < rows.length) {
        const index = next++;
        verdicts[index] = await grade(rows[index]!);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, verdicts };
}

const withoutTime = (v: CodegenVerdict) => {
  const { 'execution time': _, ...metadata } = v.metadata;
  return { results: v.results, metadata };
};

const sandbox = await createSandbox({ slots: LANES });
await sandbox.warm('lcb');
const ours = await timed(async (row) => {
  const outcome = await judgeGeneration(sandbox, problemOf(row), row.code, {
    mode: 'lcb',
    timeoutSeconds: TIMEOUT_SECONDS,
  });
  if (outcome.kind !== 'verdict') throw new Error(`${row.question_id}: ${outcome.message}`);
  return outcome.verdict;
});
await sandbox.close();
const baseline = await timed((row) => gradePerTest(problemOf(row), row.code, 'lcb', TIMEOUT_SECONDS));

const mismatches = rows.flatMap((row, i) =>
  isDeepStrictEqual(withoutTime(ours.verdicts[i]!), withoutTime(baseline.verdicts[i]!))
    ? []
    : [
        `${row.question_id} #${i}: ours ${JSON.stringify(ours.verdicts[i])} baseline ${JSON.stringify(baseline.verdicts[i])}`,
      ],
);
if (mismatches.length > 0) {
  process.stderr.write(`bench:grader: verdicts differ from the baseline:\n${mismatches.join('\n')}\n`);
  process.exit(1);
}

const testsInWorkload = rows.reduce((sum, row) => sum + Math.min(row.inputs.length, row.outputs.length), 0);
const testsRun = ours.verdicts.reduce((sum, v) => sum + v.results.length, 0);
const passed = ours.verdicts.filter((v) => v.results.length > 0 && v.results.every((r) => r === true)).length;
const line = (name: string, seconds: number) =>
  `${name.padEnd(34)} ${(rows.length / seconds).toFixed(1).padStart(8)} gen/s ${(testsRun / seconds).toFixed(0).padStart(7)} tests/s  (${seconds.toFixed(2)} s)`;
process.stdout.write(
  `${rows.length} generations (${passed} pass), ${testsInWorkload} tests in the workload, ${testsRun} run (LCB stops at the first failure)\n` +
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load average ${loadavg()[0]!.toFixed(1)}\n` +
    `${line('ours: sandbox fork-server, 2 slots', ours.seconds)}\n` +
    `${line('baseline: python3 per test, 2 lanes', baseline.seconds)}\n` +
    `ratio: ours is ${(baseline.seconds / ours.seconds).toFixed(1)}x the baseline's throughput; verdicts identical\n`,
);

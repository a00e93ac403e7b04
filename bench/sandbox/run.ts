/**
 * `npm run bench:sandbox`: 200 small stdin programs (sort and sum 100 ints) on 2 lanes through the
 * fork-server sandbox, through a fresh bwrap sandbox per program and through a plain process per
 * program, all in the same run. Every output is checked against the sum computed here before any
 * number is printed. Prints programs/s, the ratios, and the per-run overhead (median latency of an
 * empty program, one at a time). Target: at least 400 programs/s for the fork-server path on 2 cores.
 */
import { availableParallelism, cpus } from 'node:os';
import { createSandbox } from '../../src/sandbox/index.ts';
import { bwrapSpawnRun, plainSpawnRun, type SpawnResult } from './spawn-per-run.ts';

const PROGRAMS = Number(process.env.BENCH_PROGRAMS ?? 200);
const LANES = 2;
const OVERHEAD_RUNS = 40;
const TARGET_PER_SECOND = 400;

const SOURCE = 'import sys\nnums = sorted(map(int, sys.stdin.read().split()))\nprint(sum(nums))\n';

interface Job {
  stdin: string;
  expected: string;
}

function workload(count: number): Job[] {
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return (seed % 2_000_001) - 1_000_000;
  };
  return Array.from({ length: count }, () => {
    const nums = Array.from({ length: 100 }, next);
    return { stdin: `${nums.join(' ')}\n`, expected: `${nums.reduce((a, b) => a + b, 0)}\n` };
  });
}

type Runner = (source: string, stdin: string, lane: number) => Promise<SpawnResult>;

/** Run every job on `LANES` lanes; returns programs/s. Throws on any wrong output. */
async function throughput(name: string, run: Runner, jobs: Job[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const result = await run(SOURCE, job.stdin, lane);
        if (result.stdout !== job.expected || result.exitCode !== 0) {
          throw new Error(
            `${name}: wrong output ${JSON.stringify(result)} (expected ${job.expected.trim()})`,
          );
        }
      }
    }),
  );
  return (jobs.length / (performance.now() - started)) * 1000;
}

/** Median latency in ms of an empty program, one run at a time. */
async function overhead(run: Runner): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < OVERHEAD_RUNS; i++) {
    const started = performance.now();
    const result = await run('pass\n', '', 0);
    if (result.exitCode !== 0) throw new Error(`empty program failed: ${JSON.stringify(result)}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const sandbox = await createSandbox({ slots: LANES });
try {
  await sandbox.warm('lcb');
  const forkServer: Runner = async (source, stdin, lane) => {
    const result = await sandbox.runOnSlot(lane, { source, stdin });
    return { stdout: result.stdout, exitCode: result.exitCode };
  };
  const jobs = workload(PROGRAMS);
  await throughput('warm-up', forkServer, jobs.slice(0, 20));
  const rows = [
    { name: 'fork-server in bwrap (ours)', run: forkServer },
    { name: 'bwrap spawn per run', run: bwrapSpawnRun },
    { name: 'plain spawn per run (no isolation)', run: plainSpawnRun },
  ];
  const measured = [];
  for (const row of rows) {
    const perSecond = await throughput(row.name, row.run, jobs);
    measured.push({ ...row, perSecond, overheadMs: await overhead(row.run) });
  }
  const ours = measured[0]!;
  console.log(
    `sandbox bench: ${PROGRAMS} programs, ${LANES} lanes, ${cpus()[0]?.model ?? '?'} (${availableParallelism()} cores)`,
  );
  console.log('all outputs checked against the expected sums\n');
  console.log('| path | programs/s | vs ours | per-run overhead (ms, median of 40) |');
  console.log('|---|---|---|---|');
  for (const row of measured) {
    const ratio = ours.perSecond / row.perSecond;
    console.log(
      `| ${row.name} | ${row.perSecond.toFixed(0)} | ${ratio.toFixed(2)}x | ${row.overheadMs.toFixed(2)} |`,
    );
  }
  const verdict = ours.perSecond >= TARGET_PER_SECOND ? 'meets' : 'MISSES';
  console.log(`\nfork-server path ${verdict} the target of ${TARGET_PER_SECOND} programs/s`);
} finally {
  await sandbox.close();
}

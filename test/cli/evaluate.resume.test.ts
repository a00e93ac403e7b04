import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, runHrmLcb } from '../helpers/cli.ts';
import { readJsonl } from '../helpers/jsonl.ts';

const BIN = fileURLToPath(new URL('../../bin/hrm-lcb.js', import.meta.url));
const REFS = join(REPO_ROOT, 'data', 'sample', 'references');
const N = 3;

/** A replay whose samples are right or wrong by a fixed pattern, so scores are neither 0 nor 1. */
function mixedReplay(file: string): void {
  const rows: unknown[] = [];
  const pick = <T>(i: number, sample: number, right: T, wrong: T): T =>
    (i + sample) % 3 === 0 ? wrong : right;
  readJsonl<{ question_id: string; solution: string; wrong_solution: string }>(
    join(REFS, 'code_generation.jsonl'),
  ).forEach((ref, i) => {
    const outputs = Array.from(
      { length: N },
      (_, s) => `\`\`\`python\n${pick(i, s, ref.solution, ref.wrong_solution)}\n\`\`\``,
    );
    rows.push({ scenario: 'codegeneration', problem_id: ref.question_id, outputs });
    rows.push({ scenario: 'selfrepair', problem_id: ref.question_id, outputs: [...outputs].reverse() });
  });
  readJsonl<{ id: string; output: string; wrong_output: string }>(join(REFS, 'code_execution.jsonl')).forEach(
    (ref, i) => {
      const outputs = Array.from(
        { length: N },
        (_, s) => `[ANSWER]\nassert f() == ${pick(i, s, ref.output, ref.wrong_output)}\n[/ANSWER]`,
      );
      rows.push({ scenario: 'codeexecution', problem_id: ref.id, outputs });
    },
  );
  writeFileSync(file, rows.map((row) => JSON.stringify(row)).join('\n'));
}

/** Start a run and SIGKILL its whole process group after `afterMs`; resolves when it is gone. */
function runAndKill(args: string[], afterMs: number): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: 'ignore',
    });
    let exited = false;
    const timer = setTimeout(() => {
      if (!exited) process.kill(-child.pid!, 'SIGKILL');
    }, afterMs);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      exited = true;
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL' });
    });
  });
}

interface Summary {
  scenarios: {
    scenario: string;
    overall: unknown;
    byDifficulty: unknown;
    byMonth: unknown;
    curve: unknown;
  }[];
}

it('kill -9 at random points, then --resume: one row per (scenario, problem, sample) and the same scores', async () => {
  const work = mkdtempSync(join(tmpdir(), 'hrm-lcb-resume-'));
  const replay = join(work, 'mixed.jsonl');
  mixedReplay(replay);
  const common = [
    '--model-path',
    `replay:${replay}`,
    '--scenarios',
    'generation,selfrepair,execution',
    '--n',
    String(N),
    '--sandbox-slots',
    '2',
    '--progress',
    'plain',
  ];

  const straight = join(work, 'straight');
  const started = Date.now();
  const baseline = await runHrmLcb(['evaluate', ...common, '--output-dir', straight, '--reporter', 'json']);
  const fullMs = Date.now() - started;
  assert.equal(baseline.code, 0, baseline.stderr);

  const killedDir = join(work, 'killed');
  const kills: number[] = [];
  for (let attempt = 0; attempt < 4; attempt += 1) {
    // kill somewhere in the middle of what is left, on a fast machine as on a slow one
    const journal = join(killedDir, 'journal.jsonl');
    const done = existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').length - 1 : 0; // a torn line is not counted
    const left = Math.max(0.3, 1 - done / ((45 + 45 + 46) * N));
    const afterMs = Math.round(fullMs * left * (0.25 + 0.5 * Math.random()));
    const args =
      attempt === 0
        ? ['evaluate', ...common, '--output-dir', killedDir]
        : ['evaluate', '--resume', '--output-dir', killedDir, '--sandbox-slots', '2'];
    const { killed } = await runAndKill(args, afterMs);
    if (killed) kills.push(afterMs);
  }
  const finished = await runHrmLcb([
    'evaluate',
    '--resume',
    '--output-dir',
    killedDir,
    '--sandbox-slots',
    '2',
    '--reporter',
    'json',
  ]);
  assert.equal(finished.code, 0, finished.stderr);
  assert.ok(
    kills.length >= 2,
    `the run was killed mid-way ${kills.length} times (at ${kills.join(', ')} ms)`,
  );

  const rows = readJsonl<{ scenario: string; problem_id: string; sample: number; status: string }>(
    join(killedDir, 'journal.jsonl'),
  );
  const keys = rows.map((row) => `${row.scenario}/${row.problem_id}/${row.sample}`);
  assert.equal(new Set(keys).size, keys.length, 'a (scenario, problem, sample) appears twice');
  assert.equal(keys.length, (45 + 45 + 46) * N);
  assert.ok(rows.every((row) => row.status === 'graded'));

  const summary = (dir: string) =>
    (JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary).scenarios;
  assert.deepEqual(summary(killedDir), summary(straight));
  const passAt1 = summary(straight).map(
    (s) => (s.overall as { passAt: Record<string, number> }).passAt['pass@1']!,
  );
  assert.ok(
    passAt1.every((value) => value > 0 && value < 1),
    `non-trivial scores ${passAt1}`,
  );
});

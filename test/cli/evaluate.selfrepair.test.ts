import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { REPO_ROOT, runHrmLcb } from '../helpers/cli.ts';
import { readJsonl } from '../helpers/jsonl.ts';

const REFS = join(REPO_ROOT, 'data', 'sample', 'references', 'code_generation.jsonl');
const common = ['--sandbox-slots', '2', '--progress', 'plain', '--reporter', 'json'];

const passAt1 = (dir: string, scenario: string): number =>
  (
    JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
      scenarios: { scenario: string; overall: { passAt: Record<string, number> } }[];
    }
  ).scenarios.find((s) => s.scenario === scenario)!.overall.passAt['pass@1']!;

interface Row {
  problem_id: string;
  sample: number;
  status: string;
  passed: boolean;
  prompt: string | null;
  original_code: string | null;
  error: { kind: string } | null;
}

it('self-repair reads another run (--codegen-run DIR) or an LCB _eval_all.json file, and prompts only failed samples', async () => {
  const work = mkdtempSync(join(tmpdir(), 'hrm-lcb-selfrepair-'));
  const refs = readJsonl<{ question_id: string; solution: string; wrong_solution: string }>(REFS);
  // sample 0 right, sample 1 wrong, for every problem
  const replay = join(work, 'codegen.jsonl');
  writeFileSync(
    replay,
    refs
      .map((ref) =>
        JSON.stringify({
          scenario: 'codegeneration',
          problem_id: ref.question_id,
          outputs: [ref.solution, ref.wrong_solution].map((code) => `\`\`\`python\n${code}\n\`\`\``),
        }),
      )
      .join('\n'),
  );
  const codegen = join(work, 'codegen');
  const first = await runHrmLcb([
    'evaluate',
    '--model-path',
    `replay:${replay}`,
    '--n',
    '2',
    '--output-dir',
    codegen,
    ...common,
  ]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(passAt1(codegen, 'codegeneration'), 0.5);

  const fromRun = join(work, 'repair-from-run');
  const repaired = await runHrmLcb([
    'evaluate',
    '--model-path',
    'oracle',
    '--scenarios',
    'selfrepair',
    '--codegen-run',
    codegen,
    '--output-dir',
    fromRun,
    ...common,
  ]);
  assert.equal(repaired.code, 0, repaired.stderr);
  assert.equal(passAt1(fromRun, 'selfrepair'), 1);
  const rows = readJsonl<Row>(join(fromRun, 'journal.jsonl'));
  assert.equal(rows.length, 2 * refs.length);
  const byRef = new Map(refs.map((ref) => [ref.question_id, ref]));
  for (const row of rows) {
    const ref = byRef.get(row.problem_id)!;
    if (row.sample === 0) {
      assert.equal(row.prompt, null, 'a passing generation is kept, not prompted');
      assert.equal(row.original_code, ref.solution);
    } else {
      assert.match(row.prompt ?? '', /The above code is incorrect and got a wrong answer\./);
      assert.ok((row.prompt ?? '').includes(ref.wrong_solution.replace(/\n$/, '')));
    }
  }
  const manifest = JSON.parse(readFileSync(join(fromRun, 'run.json'), 'utf8')) as {
    config: { self_repair_source: { kind: string } };
  };
  assert.equal(manifest.config.self_repair_source.kind, 'run');

  const evalAll = join(
    codegen,
    'results',
    readdirSync(join(codegen, 'results')).find((f) => f.endsWith('_eval_all.json'))!,
  );
  const fromFile = join(work, 'repair-from-file');
  const viaFile = await runHrmLcb([
    'evaluate',
    '--model-path',
    'oracle',
    '--scenarios',
    'selfrepair',
    '--codegen-run',
    evalAll,
    '--output-dir',
    fromFile,
    ...common,
  ]);
  assert.equal(viaFile.code, 0, viaFile.stderr);
  assert.equal(passAt1(fromFile, 'selfrepair'), 1);
  const prompts = (dir: string) =>
    readJsonl<Row>(join(dir, 'journal.jsonl'))
      .map((row) => `${row.problem_id}/${row.sample}:${row.prompt}`)
      .sort();
  assert.deepEqual(prompts(fromFile), prompts(fromRun));

  const alone = await runHrmLcb([
    'evaluate',
    '--model-path',
    'oracle',
    '--scenarios',
    'selfrepair',
    '--output-dir',
    join(work, 'alone'),
    ...common,
  ]);
  assert.equal(alone.code, 2);
  assert.match(alone.stderr, /self-repair needs code-generation results/);
});

it('--retry-errors redoes infrastructure errors only; the run exits 5 until they are gone', async () => {
  const work = mkdtempSync(join(tmpdir(), 'hrm-lcb-retry-'));
  const refs = readJsonl<{ question_id: string; solution: string; wrong_solution: string }>(REFS);
  const rows = refs.map((ref, i) => ({
    scenario: 'codegeneration',
    problem_id: ref.question_id,
    outputs: [`\`\`\`python\n${i % 2 === 0 ? ref.solution : ref.wrong_solution}\n\`\`\``],
  }));
  const replay = join(work, 'replay.jsonl');
  writeFileSync(
    replay,
    rows
      .slice(5)
      .map((row) => JSON.stringify(row))
      .join('\n'),
  ); // 5 problems missing
  const dir = join(work, 'run');
  const first = await runHrmLcb([
    'evaluate',
    '--model-path',
    `replay:${replay}`,
    '--n',
    '1',
    '--output-dir',
    dir,
    ...common,
  ]);
  assert.equal(first.code, 5, first.stderr);
  const errors = readJsonl<Row>(join(dir, 'journal.jsonl')).filter((row) => row.status === 'error');
  assert.deepEqual(
    errors.map((row) => row.error?.kind),
    Array(5).fill('no-answer'),
  );
  const resumed = await runHrmLcb(['evaluate', '--resume', '--output-dir', dir, ...common]);
  assert.equal(resumed.code, 5, 'plain --resume keeps error rows');

  writeFileSync(replay, rows.map((row) => JSON.stringify(row)).join('\n'));
  const retried = await runHrmLcb(['evaluate', '--resume', '--retry-errors', '--output-dir', dir, ...common]);
  assert.equal(retried.code, 0, retried.stderr);
  assert.match(retried.stderr, /retrying 5 samples that ended in infrastructure errors/);
  const journal = readJsonl<Row>(join(dir, 'journal.jsonl'));
  assert.equal(journal.length, refs.length);
  assert.ok(journal.every((row) => row.status === 'graded'));
  const expected = refs.filter((_, i) => i % 2 === 0).length / refs.length;
  assert.equal(passAt1(dir, 'codegeneration'), expected);
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, runHrmLcb } from '../helpers/cli.ts';
import { runPython } from '../python/python-oracle.ts';

interface Reference {
  question_id: string;
  solution: string;
  wrong_solution: string;
}

function samplePredictions(dir: string): string {
  const refs = readFileSync(join(REPO_ROOT, 'data/sample/references/code_generation.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Reference);
  const path = join(dir, 'answers.json');
  writeFileSync(
    path,
    JSON.stringify(
      refs.map((r) => ({ question_id: r.question_id, code_list: [r.solution, r.wrong_solution] })),
    ),
  );
  return path;
}

/** The files with every `execution time` (the one value that differs between runs) blanked. */
function withoutTimes(path: string): string {
  return readFileSync(path, 'utf8').replace(/\\?"execution time\\?": [0-9.e-]+/g, '"execution time": T');
}

describe('hrm-lcb grade', () => {
  it('grades custom_evaluator-format answers into LCB result files Python reads back byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grade-'));
    const predictions = samplePredictions(dir);
    const result = await runHrmLcb(
      ['grade', '--predictions', predictions, '--scenario', 'codegeneration', '--json'],
      { timeoutMs: 300_000 },
    );
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as {
      problems: number;
      answers: number;
      metrics: Record<string, number>;
      files: Record<string, string>;
    };
    assert.equal(summary.metrics['pass@1'], 0.5, 'every reference passes, every wrong variant fails');
    assert.deepEqual(Object.keys(summary.metrics), ['pass@1']);
    const checks = runPython<{ same: boolean[]; graded: boolean[][]; eval: number }>(
      `
import json, sys
files = json.load(sys.stdin)
same = [json.dumps(json.load(open(f)), indent=4) == open(f).read() for f in files]
rows = json.load(open(files[2]))
print(json.dumps({"same": same, "graded": [r["graded_list"] for r in rows], "eval": len(json.load(open(files[1])))}))
`,
      [summary.files.output, summary.files.eval, summary.files.evalAll],
    );
    assert.deepEqual(
      checks.same,
      [true, true, true],
      'json.dumps(json.load(f), indent=4) reproduces each file',
    );
    assert.ok(checks.graded.every((g) => JSON.stringify(g) === '[true,false]'));
    assert.equal(checks.eval, 3, '[metrics, results, metadata]');
  });

  it('resumes after kill -9 with the same results as an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grade-'));
    const predictions = samplePredictions(dir);
    const args = [
      'grade',
      '--predictions',
      predictions,
      '--scenario',
      'codegeneration',
      '--sandbox-slots',
      '1',
    ];
    const reference = await runHrmLcb([...args, '--output-dir', join(dir, 'ref')], { timeoutMs: 300_000 });
    assert.equal(reference.code, 0, reference.stderr);
    const out = join(dir, 'killed');
    const journal = join(out, 'answers_codegeneration_output.journal.jsonl');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/hrm-lcb.js'), ...args, '--output-dir', out], {
      stdio: 'ignore',
    });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (existsSync(journal) && readFileSync(journal, 'utf8').split('\n').length > 20) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
    });
    await new Promise((resolve) => child.on('close', resolve));
    assert.ok(!existsSync(join(out, 'answers_codegeneration_output_eval_all.json')), 'killed before the end');
    const resumed = await runHrmLcb([...args, '--output-dir', out], { timeoutMs: 300_000 });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /\(\d+ graded before, from the journal\)/);
    for (const name of [
      'answers_codegeneration_output.json',
      'answers_codegeneration_output_eval.json',
      'answers_codegeneration_output_eval_all.json',
    ]) {
      assert.equal(withoutTimes(join(out, name)), withoutTimes(join(dir, 'ref', name)), name);
    }
  });

  it('names the problems a predictions file lacks (exit 3) and grades code execution answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grade-'));
    const partial = join(dir, 'partial.json');
    writeFileSync(partial, JSON.stringify([{ id: 'sample_0', pred_list: ['1'] }]));
    const result = await runHrmLcb(['grade', '--predictions', partial, '--scenario', 'execution']);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /partial\.json: no answers for sample_1, sample_2/);
    const all = join(dir, 'all.json');
    const rows = readFileSync(join(REPO_ROOT, 'data/sample/references/code_execution.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; output: string; wrong_output: string });
    writeFileSync(all, JSON.stringify(rows.map((r) => [r.output, r.output, r.wrong_output])));
    const graded = await runHrmLcb(['grade', '--predictions', all, '--scenario', 'codeexecution', '--json']);
    assert.equal(graded.code, 0, graded.stderr);
    const summary = JSON.parse(graded.stdout) as { metrics: Record<string, number> };
    // upstream: per problem the estimator 1 - (1 - 1/2)(1 - 1/3), summed in order, / n * 100
    let sum = 0;
    for (let i = 0; i < rows.length; i += 1) sum += 1 - (1 - 1 / 2) * (1 - 1 / 3);
    assert.equal(summary.metrics['pass@1'], (sum / rows.length) * 100);
  });
});

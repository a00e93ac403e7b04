/**
 * `hrm-lcb evaluate` and `hrm-lcb grade` given the same answers must report the same thing: the same LCB
 * result files, byte for byte, and the same scores. Code execution includes a sample whose every prediction
 * is skipped (it contains the call: upstream stores `[False] * n`) and samples where some are.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCodeExecution } from '../../src/lcb/index.ts';
import { REPO_ROOT, runHrmLcb } from '../helpers/cli.ts';
import { readJsonl } from '../helpers/jsonl.ts';

const REFS = join(REPO_ROOT, 'data', 'sample', 'references');
const N = 3;

interface Answers {
  /** grade's custom_evaluator entries */
  entries: Record<string, unknown>[];
  /** evaluate's replay rows: raw outputs whose extraction is the same answer text */
  replay: Record<string, unknown>[];
}

/** Code execution: sample_0 plain, sample_1 all skipped, sample_2 and sample_3 partly skipped. */
async function executionAnswers(): Promise<Answers & { ids: string[] }> {
  const ids = ['sample_0', 'sample_1', 'sample_2', 'sample_3'];
  const calls = new Map(
    (await loadCodeExecution('sample')).problems.map((problem) => [problem.id, problem.input]),
  );
  const refs = new Map(
    readJsonl<{ id: string; output: string; wrong_output: string }>(join(REFS, 'code_execution.jsonl')).map(
      (ref) => [ref.id, ref],
    ),
  );
  const predictions = (id: string): string[] => {
    const { output, wrong_output: wrong } = refs.get(id)!;
    const call = calls.get(id)!;
    if (id === 'sample_0') return [output, wrong, output];
    if (id === 'sample_1') return [call, call, `${call} + 0`];
    if (id === 'sample_2') return [output, call, wrong];
    return [wrong, wrong, call];
  };
  return {
    ids,
    entries: ids.map((id) => ({ id, pred_list: predictions(id) })),
    replay: ids.map((id) => ({ scenario: 'codeexecution', problem_id: id, outputs: predictions(id) })),
  };
}

/** Test output prediction: both tests of problem 9101, a mix of right and wrong assertions. */
function testOutputAnswers(): Answers {
  const refs = readJsonl<{ question_id: string; test_id: number; output: string; wrong_output: string }>(
    join(REFS, 'test_output_prediction.jsonl'),
  ).filter((ref) => ref.question_id === '9101');
  const predictions = (ref: (typeof refs)[number]): string[] => {
    const right = `assert f() == ${ref.output}`;
    const wrong = `assert f() == ${ref.wrong_output}`;
    return ref.test_id === 0 ? [right, wrong, right] : [wrong, wrong, wrong];
  };
  return {
    entries: refs.map((ref) => ({
      question_id: ref.question_id,
      test_id: ref.test_id,
      pred_list: predictions(ref),
    })),
    replay: refs.map((ref) => ({
      scenario: 'testoutputprediction',
      problem_id: `${ref.question_id}/${ref.test_id}`,
      outputs: predictions(ref),
    })),
  };
}

const SANDBOX = ['--sandbox-slots', '2'];

describe('hrm-lcb evaluate reports what hrm-lcb grade reports for the same answers', () => {
  const work = mkdtempSync(join(tmpdir(), 'hrm-lcb-parity-'));
  const runDir = join(work, 'run');
  let execution: Awaited<ReturnType<typeof executionAnswers>>;
  let testOutput: Answers;
  let questionIds: string;
  after(() => rmSync(work, { recursive: true, force: true }));

  before(async () => {
    execution = await executionAnswers();
    testOutput = testOutputAnswers();
    questionIds = [...execution.ids, '9101'].join(',');
    const replay = join(work, 'replay.jsonl');
    writeFileSync(
      replay,
      [...execution.replay, ...testOutput.replay].map((row) => JSON.stringify(row)).join('\n'),
    );
    const evaluated = await runHrmLcb(
      [
        'evaluate',
        '--model-path',
        `replay:${replay}`,
        '--scenarios',
        'testprediction,execution',
        '--n',
        String(N),
        '--question-ids',
        questionIds,
        '--output-dir',
        runDir,
        '--progress',
        'plain',
        ...SANDBOX,
      ],
      { timeoutMs: 300_000 },
    );
    assert.equal(evaluated.code, 0, evaluated.stderr);
  });

  /** Grade `entries` as `scenario`; the three files' texts. */
  async function grade(scenario: string, entries: unknown[]): Promise<string[]> {
    const predictions = join(work, `${scenario}.json`);
    writeFileSync(predictions, JSON.stringify(entries));
    const graded = await runHrmLcb(
      [
        'grade',
        '--predictions',
        predictions,
        '--scenario',
        scenario,
        '--question-ids',
        questionIds,
        ...SANDBOX,
      ],
      { timeoutMs: 300_000 },
    );
    assert.equal(graded.code, 0, graded.stderr);
    const stem = join(work, `${scenario}_${scenario}_output`);
    return [`${stem}.json`, `${stem}_eval.json`, `${stem}_eval_all.json`].map((f) => readFileSync(f, 'utf8'));
  }

  function evaluated(scenario: string): string[] {
    const stem = join(runDir, 'results', `Scenario.${scenario}_${N}_0.2`);
    return [`${stem}.json`, `${stem}_eval.json`, `${stem}_eval_all.json`].map((f) => readFileSync(f, 'utf8'));
  }

  it('code execution: the same generation, _eval.json and _eval_all.json bytes, skipped predictions included', async () => {
    const graded = await grade('codeexecution', execution.entries);
    const mine = evaluated('codeexecution');
    assert.equal(mine[0], graded[0], 'generation file');
    assert.equal(mine[1], graded[1], '_eval.json');
    assert.equal(mine[2], graded[2], '_eval_all.json');
    const [metrics, results] = JSON.parse(graded[1]!) as [{ 'pass@1': number }, Record<string, boolean[][]>];
    assert.deepEqual(results, {
      '0': [[true], [false], [true]],
      '1': [[false], [false], [false]], // every prediction skipped: [False] * n
      '2': [[true], [false]], // the skipped one leaves the list
      '3': [[false], [false]],
    });
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as {
      scenarios: { scenario: string; overall: { passAt: Record<string, number> } }[];
    };
    const overall = summary.scenarios.find((s) => s.scenario === 'codeexecution')!.overall;
    assert.ok(Math.abs(overall.passAt['pass@1']! * 100 - metrics['pass@1']) < 1e-9, JSON.stringify(overall));
    const journal = readJsonl<{ scenario: string; problem_id: string; skipped: boolean }>(
      join(runDir, 'journal.jsonl'),
    ).filter((row) => row.scenario === 'codeexecution');
    assert.deepEqual(
      journal
        .filter((row) => row.skipped)
        .map((row) => row.problem_id)
        .sort(),
      ['sample_1', 'sample_1', 'sample_1', 'sample_2', 'sample_3'],
    );
  });

  it('test output prediction: the same three files, rows in insert_output key order', async () => {
    const graded = await grade('testoutputprediction', testOutput.entries);
    assert.deepEqual(evaluated('testoutputprediction'), graded);
    const rows = JSON.parse(graded[2]!) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(rows[0]!).slice(5, 9), [
      'difficulty',
      'output_list',
      'pred_list',
      'test_id',
    ]);
    assert.deepEqual(
      rows.map((row) => row.graded_list),
      [
        [true, false, true],
        [false, false, false],
      ],
    );
  });
});

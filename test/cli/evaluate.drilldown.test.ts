/**
 * What a code-generation run shows besides its verdict reaches the user: the program's stderr and each
 * test's time go from the judge into the journal row and the HTML report's drill-down data.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { REPO_ROOT, runHrmLcb } from '../helpers/cli.ts';
import { readJsonl } from '../helpers/jsonl.ts';

const PROBLEM = 'abc901_a';
const SLEEP_S = 0.15;

interface Sample {
  passed: boolean;
  stderr: string;
  tests: { result: boolean | number; wall_ms: number | null; cpu_ms: number | null }[];
}

const work = mkdtempSync(join(tmpdir(), 'hrm-lcb-drilldown-'));
after(() => rmSync(work, { recursive: true, force: true }));

it("a program's stderr and a slow test's time show in the journal row and the HTML drill-down", async () => {
  const solution = readJsonl<{ question_id: string; solution: string }>(
    join(REPO_ROOT, 'data/sample/references/code_generation.jsonl'),
  ).find((ref) => ref.question_id === PROBLEM)!.solution;
  const program = `import sys, time\nprint("debug: reading the input", file=sys.stderr)\ntime.sleep(${SLEEP_S})\n${solution}`;
  const replay = join(work, 'replay.jsonl');
  writeFileSync(
    replay,
    JSON.stringify({
      scenario: 'codegeneration',
      problem_id: PROBLEM,
      outputs: [`\`\`\`python\n${program}\n\`\`\``],
    }),
  );
  const dir = join(work, 'run');
  const result = await runHrmLcb([
    'evaluate',
    '--model-path',
    `replay:${replay}`,
    '--scenarios',
    'generation',
    '--n',
    '1',
    '--question-ids',
    PROBLEM,
    '--output-dir',
    dir,
    '--progress',
    'plain',
    '--sandbox-slots',
    '1',
  ]);
  assert.equal(result.code, 0, result.stderr);

  const check = (sample: Sample, where: string): void => {
    assert.equal(sample.passed, true, where);
    assert.equal(sample.stderr, 'debug: reading the input\n'.repeat(sample.tests.length), where);
    assert.ok(sample.tests.length >= 6, where);
    for (const test of sample.tests) {
      assert.equal(test.result, true, where);
      assert.ok(test.wall_ms !== null && test.wall_ms >= SLEEP_S * 1000 * 0.9, `${where}: ${test.wall_ms}`);
    }
  };
  const [row] = readJsonl<Sample>(join(dir, 'journal.jsonl'));
  check(row!, 'journal row');

  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  const data = /<script type="application\/json" id="run-data">(.*?)<\/script>/s.exec(html);
  assert.ok(data !== null, 'report.html carries its data');
  const view = JSON.parse(data[1]!) as { problems: { id: string; samples: Sample[] }[] };
  const problem = view.problems.find((p) => p.id === PROBLEM)!;
  check(problem.samples[0]!, 'drill-down');
  // LCB's result files stay LCB's: no stderr or times in them
  const evalAll = readFileSync(join(dir, 'results', 'Scenario.codegeneration_1_0.2_eval_all.json'), 'utf8');
  assert.ok(!evalAll.includes('"stderr"') && !evalAll.includes('wall_ms'));
  assert.deepEqual(Object.keys((JSON.parse(evalAll) as Record<string, unknown>[])[0]!).slice(-4), [
    'code_list',
    'graded_list',
    'pass@1',
    'metadata',
  ]);
});

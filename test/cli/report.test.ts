import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { runHrmLcb } from '../helpers/cli.ts';

it('hrm-lcb report rebuilds the same reports from the journal alone, and refuses what is not a run', async () => {
  const work = mkdtempSync(join(tmpdir(), 'hrm-lcb-report-'));
  const dir = join(work, 'run');
  const evaluated = await runHrmLcb([
    'evaluate',
    '--model-path',
    'oracle',
    '--scenarios',
    'execution',
    '--n',
    '2',
    '--output-dir',
    dir,
    '--sandbox-slots',
    '2',
    '--progress',
    'plain',
  ]);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  const files = [
    'report.html',
    'summary.csv',
    'problems.csv',
    'summary.json',
    'results/Scenario.codeexecution_2_0.2_eval_all.json',
    'results/Scenario.codeexecution_2_0.2_eval.json',
  ];
  const before = new Map(files.map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
  rmSync(join(dir, 'results'), { recursive: true });
  for (const file of files.slice(0, 4)) rmSync(join(dir, file));

  const rebuilt = await runHrmLcb(['report', dir]);
  assert.equal(rebuilt.code, 0, rebuilt.stderr);
  for (const file of files) assert.equal(readFileSync(join(dir, file), 'utf8'), before.get(file), file);
  assert.match(rebuilt.stdout, /codeexecution\s+46\s+92\s+100\.0%\s+0/);

  rmSync(join(dir, 'report.html'));
  const only = await runHrmLcb(['report', dir, '--reporter', 'csv']);
  assert.equal(only.code, 0);
  assert.equal(existsSync(join(dir, 'report.html')), false);
  assert.equal(only.stdout, '', 'no terminal table unless asked for');

  const unknown = await runHrmLcb(['report', dir, '--reporter', 'pdf']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--reporter: expected reporters among tty, json, csv, html/);
  const notRun = await runHrmLcb(['report', work]);
  assert.equal(notRun.code, 3);
  assert.match(notRun.stderr, /run\.json: no run manifest here/);
});

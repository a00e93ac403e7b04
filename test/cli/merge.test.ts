import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { shardOf } from '../../src/evaluate/shard.ts';
import { runHrmLcb } from '../helpers/cli.ts';
import { readJsonl } from '../helpers/jsonl.ts';

const scenarios = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { scenarios: unknown[] }).scenarios;

it('--shard i/n runs hold exactly their hash share, and merge gives the run an unsharded evaluation gives', async () => {
  const work = mkdtempSync(join(tmpdir(), 'hrm-lcb-merge-'));
  const common = [
    'evaluate',
    '--model-path',
    'oracle',
    '--scenarios',
    'generation,execution',
    '--n',
    '1',
    '--sandbox-slots',
    '2',
    '--progress',
    'plain',
    '--reporter',
    'json',
  ];
  const whole = join(work, 'whole');
  assert.equal((await runHrmLcb([...common, '--output-dir', whole])).code, 0);
  const shards = [1, 2, 3].map((i) => join(work, `shard${i}`));
  for (const [i, dir] of shards.entries()) {
    const result = await runHrmLcb([...common, '--shard', `${i + 1}/3`, '--output-dir', dir]);
    assert.equal(result.code, 0, result.stderr);
    const problems = readJsonl<{ scenario: string; problem_id: string; record: { question_id: unknown } }>(
      join(dir, 'problems.jsonl'),
    );
    assert.ok(problems.length > 0);
    for (const row of problems) {
      const id = row.scenario === 'codeexecution' ? row.problem_id : String(row.record.question_id);
      assert.equal(shardOf(id, 3), i + 1, `${row.problem_id} is in shard ${i + 1}`);
    }
  }
  const partial = await runHrmLcb(['merge', shards[0]!, shards[2]!, '--output-dir', join(work, 'partial')]);
  assert.equal(partial.code, 2);
  assert.match(partial.stderr, /shards 2\/3 are missing/);

  const merged = join(work, 'merged');
  const result = await runHrmLcb(['merge', ...shards, '--output-dir', merged, '--reporter', 'json']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(scenarios(merged), scenarios(whole));
  assert.deepEqual(readJsonl(join(merged, 'problems.jsonl')), readJsonl(join(whole, 'problems.jsonl')));
  assert.equal(readJsonl(join(merged, 'journal.jsonl')).length, 45 + 46);
  // the only volatile field: LCB's measured `execution time`
  const evalAll = (dir: string) =>
    readFileSync(join(dir, 'results', 'Scenario.codegeneration_1_0.2_eval_all.json'), 'utf8').replace(
      /execution time\\": [0-9.e+-]+/g,
      'execution time": T',
    );
  assert.equal(evalAll(merged), evalAll(whole));

  const other = join(work, 'other');
  assert.equal((await runHrmLcb([...common, '--n', '2', '--shard', '2/3', '--output-dir', other])).code, 0);
  const mismatch = await runHrmLcb([
    'merge',
    shards[0]!,
    other,
    shards[2]!,
    '--output-dir',
    join(work, 'mixed'),
  ]);
  assert.equal(mismatch.code, 2);
  assert.match(mismatch.stderr, /fingerprint [0-9a-f]{12}/);
});

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { InputError } from '../../src/core/errors.ts';
import { ModelError } from '../../src/models/errors.ts';
import { ReplayModel } from '../../src/models/replay.ts';
import type { GenerationRequest } from '../../src/models/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'hrm-lcb-replay-'));
const base: Omit<GenerationRequest, 'scenario' | 'problemId'> = {
  firstSample: 0,
  prompt: 'p',
  style: 'OpenAIChat',
  sampling: { n: 2, temperature: 0, top_p: 1, max_tokens: 1, stop: [] },
};

it('replays hrm-lcb JSON Lines rows and LCB generation rows, keyed by scenario and problem', async () => {
  const file = join(dir, 'mixed.jsonl');
  writeFileSync(
    file,
    [
      JSON.stringify({ scenario: 'codegeneration', problem_id: 'abc1_a', outputs: ['a0', 'a1', 'a2'] }),
      '',
      JSON.stringify({ question_id: '2727', output_list: ['l0', 'l1'], code_list: ['c0', 'c1'] }),
      JSON.stringify({ question_id: '3000', test_id: 2, output_list: ['t0', 't1'], pred_list: ['1', '2'] }),
      JSON.stringify({ id: 'sample_7', output_list: ['e0', 'e1'], pred_list: ['x', 'y'] }),
      JSON.stringify({ question_id: '2727', output_list: ['r0', 'r1'], original_code_list: ['o0', 'o1'] }),
    ].join('\n'),
  );
  const model = await ReplayModel.open(file);
  assert.equal(model.size, 5);
  const get = async (scenario: GenerationRequest['scenario'], problemId: string, firstSample = 0) =>
    (await model.generate({ ...base, scenario, problemId, firstSample })).outputs;
  assert.deepEqual(await get('codegeneration', 'abc1_a'), ['a0', 'a1']);
  assert.deepEqual(await get('codegeneration', 'abc1_a', 1), ['a1', 'a2']);
  assert.deepEqual(await get('codegeneration', '2727'), ['l0', 'l1']);
  assert.deepEqual(await get('testoutputprediction', '3000/2'), ['t0', 't1']);
  assert.deepEqual(await get('codeexecution', 'sample_7'), ['e0', 'e1']);
  assert.deepEqual(await get('selfrepair', '2727'), ['r0', 'r1']);
  await assert.rejects(
    get('codegeneration', 'nope'),
    (e: unknown) => e instanceof ModelError && e.kind === 'no-answer',
  );
  await assert.rejects(
    get('codegeneration', 'abc1_a', 2),
    (e: unknown) => e instanceof ModelError && e.kind === 'no-answer',
  );
  await model.close();
});

it('reads an LCB generation file that is one JSON array', async () => {
  const file = join(dir, 'Scenario.codegeneration_2_0.2.json');
  writeFileSync(
    file,
    JSON.stringify([{ question_id: 'q1', output_list: ['x', 'y'], code_list: ['x', 'y'] }], null, 4),
  );
  const model = await ReplayModel.open(file);
  assert.deepEqual((await model.generate({ ...base, scenario: 'codegeneration', problemId: 'q1' })).outputs, [
    'x',
    'y',
  ]);
});

it('names file, line and field of a bad row', async () => {
  const file = join(dir, 'bad.jsonl');
  writeFileSync(
    file,
    `${JSON.stringify({ scenario: 'codegeneration', problem_id: 'a', outputs: ['x'] })}\n{"scenario": "codegeneration", "problem_id": "b", "outputs": [1]}\n`,
  );
  await assert.rejects(ReplayModel.open(file), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.line, 2);
    assert.equal(error.field, 'outputs[0]');
    return true;
  });
  const broken = join(dir, 'broken.jsonl');
  writeFileSync(broken, '{"scenario": \n');
  await assert.rejects(
    ReplayModel.open(broken),
    (error: unknown) => error instanceof InputError && error.line === 1,
  );
  await assert.rejects(ReplayModel.open(join(dir, 'missing.jsonl')), InputError);
});

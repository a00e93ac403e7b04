import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, runHrmLcb } from '../helpers/cli.ts';
import { readJsonl } from '../helpers/jsonl.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../models/fake-openai-server.ts';

const SAMPLE = join(REPO_ROOT, 'data', 'sample');
const ALL = 'generation,selfrepair,testprediction,execution';

interface Summary {
  scenarios: {
    scenario: string;
    planned: number;
    overall: { problems: number; samples: number; passAt: Record<string, number>; errors: number };
  }[];
  missing: number;
  errors: number;
}

function summaryOf(dir: string): Summary {
  return JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
}

function passAt1(dir: string): Record<string, number> {
  return Object.fromEntries(summaryOf(dir).scenarios.map((s) => [s.scenario, s.overall.passAt['pass@1']!]));
}

const work = mkdtempSync(join(tmpdir(), 'hrm-lcb-evaluate-'));
const sandboxArgs = ['--sandbox-slots', '2', '--progress', 'plain'];

describe('hrm-lcb evaluate on the embedded sample, offline', () => {
  it('the oracle scores 100% in every scenario', async () => {
    const dir = join(work, 'oracle');
    const result = await runHrmLcb([
      'evaluate',
      '--model-path',
      'oracle',
      '--scenarios',
      ALL,
      '--n',
      '1',
      '--output-dir',
      dir,
      ...sandboxArgs,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(passAt1(dir), {
      codegeneration: 1,
      selfrepair: 1,
      testoutputprediction: 1,
      codeexecution: 1,
    });
    const summary = summaryOf(dir);
    assert.deepEqual(
      summary.scenarios.map((s) => [s.scenario, s.overall.problems, s.overall.errors]),
      [
        ['codegeneration', 45, 0],
        ['selfrepair', 45, 0],
        ['testoutputprediction', 46, 0],
        ['codeexecution', 46, 0],
      ],
    );
    assert.equal(readJsonl(join(dir, 'journal.jsonl')).length, 45 + 45 + 46 + 46);
    assert.match(result.stdout, /codegeneration\s+45\s+45\s+100\.0%/);
    for (const file of [
      'report.html',
      'summary.csv',
      'problems.csv',
      'results/Scenario.codeexecution_1_0.2_eval_all.json',
    ]) {
      assert.ok(statSync(join(dir, file)).size > 0, file);
    }
  });

  it('a deliberately wrong replay scores 0 in every scenario', async () => {
    const refs = join(SAMPLE, 'references');
    const rows: unknown[] = [];
    for (const ref of readJsonl<{ question_id: string; wrong_solution: string }>(
      join(refs, 'code_generation.jsonl'),
    )) {
      const output = `\`\`\`python\n${ref.wrong_solution}\n\`\`\``;
      rows.push({ scenario: 'codegeneration', problem_id: ref.question_id, outputs: [output] });
      rows.push({ scenario: 'selfrepair', problem_id: ref.question_id, outputs: [output] });
    }
    for (const ref of readJsonl<{ question_id: string; test_id: number; wrong_output: string }>(
      join(refs, 'test_output_prediction.jsonl'),
    )) {
      const output = `\`\`\`python\nassert f(0) == ${ref.wrong_output}\n\`\`\``;
      rows.push({
        scenario: 'testoutputprediction',
        problem_id: `${ref.question_id}/${ref.test_id}`,
        outputs: [output],
      });
    }
    for (const ref of readJsonl<{ id: string; wrong_output: string }>(join(refs, 'code_execution.jsonl'))) {
      rows.push({
        scenario: 'codeexecution',
        problem_id: ref.id,
        outputs: [`[ANSWER]\nassert f() == ${ref.wrong_output}\n[/ANSWER]`],
      });
    }
    const file = join(work, 'wrong.jsonl');
    writeFileSync(file, rows.map((row) => JSON.stringify(row)).join('\n'));
    const dir = join(work, 'wrong');
    const result = await runHrmLcb([
      'evaluate',
      '--model-path',
      `replay:${file}`,
      '--scenarios',
      ALL,
      '--n',
      '1',
      '--output-dir',
      dir,
      ...sandboxArgs,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(passAt1(dir), {
      codegeneration: 0,
      selfrepair: 0,
      testoutputprediction: 0,
      codeexecution: 0,
    });
    assert.equal(summaryOf(dir).errors, 0);
  });

  it('refuses to start over an existing run, and names both fingerprints when flags disagree on --resume', async () => {
    const dir = join(work, 'oracle');
    const again = await runHrmLcb([
      'evaluate',
      '--model-path',
      'oracle',
      '--scenarios',
      ALL,
      '--n',
      '1',
      '--output-dir',
      dir,
      ...sandboxArgs,
    ]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already holds a run .*\n.*--resume/);
    const other = await runHrmLcb([
      'evaluate',
      '--resume',
      '--model-path',
      'oracle',
      '--scenarios',
      ALL,
      '--n',
      '3',
      '--output-dir',
      dir,
      ...sandboxArgs,
    ]);
    assert.equal(other.code, 2);
    assert.match(
      other.stderr,
      /holds a run with fingerprint [0-9a-f]{12}, not [0-9a-f]{12} \(the fingerprint of the flags given\)/,
    );
    const resumed = await runHrmLcb([
      'evaluate',
      '--resume',
      '--output-dir',
      dir,
      '--reporter',
      'tty',
      ...sandboxArgs,
    ]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /resuming, 182 of 182 samples already in the journal/);
  });
});

describe('hrm-lcb evaluate against a local OpenAI-compatible server (429, 5xx, slow, malformed answers)', () => {
  let server: FakeOpenAiServer;
  const ids = ['abc901_a', 'abc901_b', '9101', '9102'];
  const solutions = new Map(
    readJsonl<{ question_id: string; solution: string }>(
      join(SAMPLE, 'references', 'code_generation.jsonl'),
    ).map((r) => [r.question_id, r.solution]),
  );
  const contents = new Map(
    ['test.jsonl', 'test2.jsonl', 'test3.jsonl', 'test4.jsonl', 'test5.jsonl', 'test6.jsonl'].flatMap(
      (name) =>
        readJsonl<{ question_id: string; question_content: string }>(
          join(SAMPLE, 'code_generation_lite', name),
        ).map((row) => [row.question_id, row.question_content] as const),
    ),
  );
  before(async () => {
    // answers correctly for abc901_a and 9101, wrongly for the others
    server = await startFakeOpenAiServer([], (body) => {
      const user = JSON.stringify(body.messages);
      const id = ids.find((candidate) =>
        user.includes(JSON.stringify(contents.get(candidate)!).slice(1, -1)),
      );
      const good = id === 'abc901_a' || id === '9101';
      return good ? `Here it is:\n\`\`\`python\n${solutions.get(id!)}\n\`\`\`` : '```python\nprint(0)\n```';
    });
  });
  after(async () => {
    await server.close();
  });

  it('retries through the real openai client and scores what the server answered', async () => {
    server.script = [
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '50' } },
      { kind: 'status', status: 503 },
      { kind: 'slow', delayMs: 15_000 },
      { kind: 'raw', status: 200, contentType: 'application/json', body: '{"choices": "nope"}' },
    ];
    const dir = join(work, 'served');
    const secret = 'sk-test-never-stored-0123456789';
    const result = await runHrmLcb(
      [
        'evaluate',
        '--model-path',
        'tiny-coder',
        '--base-url',
        server.baseUrl,
        '--question-ids',
        ids.join(','),
        '--n',
        '2',
        '--concurrency',
        '1',
        '--request-timeout',
        '1',
        '--output-dir',
        dir,
        ...sandboxArgs,
      ],
      { env: { OPENAI_API_KEY: secret } },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(passAt1(dir), { codegeneration: 0.5 });
    // every scripted failure was consumed and retried (a loaded machine may add timeouts, never fewer calls)
    assert.equal(server.script.length, 0);
    assert.ok(server.seen.length >= 8, `${server.seen.length} requests`);
    assert.ok(server.seen.every((seen) => seen.headers.authorization === `Bearer ${secret}`));
    assert.ok(server.seen.every((seen) => seen.body.model === 'tiny-coder' && seen.body.n === 2));
    for (const file of readdirSync(dir, { recursive: true }).map(String)) {
      const path = join(dir, file);
      if (statSync(path).isFile())
        assert.ok(!readFileSync(path, 'utf8').includes(secret), `${file} holds the key`);
    }
    // a second run over the same cache makes no request
    const before = server.seen.length;
    const cached = await runHrmLcb(
      [
        'evaluate',
        '--model-path',
        'tiny-coder',
        '--base-url',
        server.baseUrl,
        '--question-ids',
        ids.join(','),
        '--n',
        '2',
        '--cache-dir',
        join(dir, 'cache'),
        '--output-dir',
        join(work, 'served-again'),
        ...sandboxArgs,
      ],
      { env: { OPENAI_API_KEY: secret } },
    );
    assert.equal(cached.code, 0, cached.stderr);
    assert.equal(server.seen.length, before);
    assert.deepEqual(passAt1(join(work, 'served-again')), { codegeneration: 0.5 });
  });
});

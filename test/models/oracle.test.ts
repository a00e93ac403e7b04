import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { it } from 'node:test';
import { ModelError } from '../../src/models/errors.ts';
import { OracleModel, oracleText, pythonLiteralOfJson } from '../../src/models/oracle.ts';

it('writes code answers as the style would: fenced for chat, bare for base models', () => {
  assert.equal(oracleText({ kind: 'code', code: 'print(1)' }, 'OpenAIChat'), '```python\nprint(1)\n```');
  assert.equal(oracleText({ kind: 'code', code: 'print(1)' }, 'GenericBase'), 'print(1)');
});

it('writes test-output answers as an assertion; JSON outputs become Python literals equal to them', () => {
  const outputs = [
    'true',
    'null',
    '[1, 2.5, "a\'b"]',
    '{"k": [false]}',
    '"\\u00e9\\n"',
    '12345678901234567890',
  ];
  const texts = outputs.map((output) =>
    oracleText(
      { kind: 'test-output', functionName: 'f', input: '[1]\n2', output: pythonLiteralOfJson(output) },
      'OpenAIChat',
    ),
  );
  for (const text of texts) assert.match(text, /^```python\nassert f\(\[1\], 2\) == .+\n```$/);
  const script =
    'import json,sys\nfor out, text in json.load(sys.stdin):\n    rhs = text.split("\\n")[1].split(" == ", 1)[1]\n    print(eval(rhs) == json.loads(out))';
  const verdicts = execFileSync('/usr/bin/python3', ['-c', script], {
    input: JSON.stringify(outputs.map((output, i) => [output, texts[i]])),
    encoding: 'utf8',
  });
  assert.deepEqual(
    verdicts.trim().split('\n'),
    outputs.map(() => 'True'),
  );
});

it('answers n identical samples, and fails as no-answer for an unknown problem', async () => {
  const oracle = new OracleModel((scenario, id) =>
    scenario === 'codeexecution' && id === 'sample_1'
      ? { kind: 'execution', input: 'f(1)', output: '2' }
      : undefined,
  );
  const request = {
    scenario: 'codeexecution' as const,
    problemId: 'sample_1',
    firstSample: 0,
    prompt: 'p',
    style: 'OpenAIChat' as const,
    sampling: { n: 3, temperature: 0, top_p: 1, max_tokens: 1, stop: [] },
  };
  const result = await oracle.generate(request);
  assert.deepEqual(result.outputs, Array(3).fill('[ANSWER]\nassert f(1) == 2\n[/ANSWER]'));
  await assert.rejects(
    oracle.generate({ ...request, problemId: 'sample_2' }),
    (error: unknown) => error instanceof ModelError && error.kind === 'no-answer',
  );
});

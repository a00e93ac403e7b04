import assert from 'node:assert/strict';
import { it } from 'node:test';
import { UserError } from '../../src/core/errors.ts';
import { createModel, parseModelPath, registerModelBackend } from '../../src/models/registry.ts';
import { noResponseCache } from '../../src/models/response-cache.ts';

it('parses every --model-path form', () => {
  assert.deepEqual(parseModelPath('oracle', undefined), { backend: 'oracle' });
  assert.deepEqual(parseModelPath('replay:out/gen.jsonl', undefined), {
    backend: 'replay',
    file: 'out/gen.jsonl',
  });
  assert.deepEqual(parseModelPath('openai:gpt-4o', undefined), { openai: 'gpt-4o' });
  assert.deepEqual(parseModelPath('Qwen/Qwen2.5-Coder-7B', 'http://127.0.0.1:8000/v1'), {
    openai: 'Qwen/Qwen2.5-Coder-7B',
  });
  assert.throws(() => parseModelPath('gpt-4o', undefined), UserError);
  assert.throws(() => parseModelPath('replay:', undefined), UserError);
});

it('reaches a registered back-end through NAME:LOCATION', async () => {
  const seen: string[] = [];
  registerModelBackend('hrmtest', async (location) => {
    seen.push(location);
    return {
      id: `hrmtest:${location}`,
      kind: 'local',
      generate: async (request) => ({
        outputs: Array(request.sampling.n).fill('x'),
        cached: false,
        latencyMs: 0,
        attempts: 1,
      }),
      close: async () => {},
    };
  });
  const spec = parseModelPath('hrmtest:/ckpt/step_100', undefined);
  assert.deepEqual(spec, { backend: 'plugin', name: 'hrmtest', location: '/ckpt/step_100' });
  const model = await createModel(spec as never, {
    oracle: () => () => undefined,
    cache: noResponseCache,
    env: {},
  });
  assert.equal(model.id, 'hrmtest:/ckpt/step_100');
  assert.deepEqual(seen, ['/ckpt/step_100']);
});

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { OpenAiModel } from '../../src/models/openai-model.ts';
import { DirectoryResponseCache, noResponseCache } from '../../src/models/response-cache.ts';
import type { GenerationRequest } from '../../src/models/types.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './fake-openai-server.ts';

const sampling = { n: 3, temperature: 0.2, top_p: 0.95, max_tokens: 64, stop: [] };
const chatRequest: GenerationRequest = {
  scenario: 'codegeneration',
  problemId: 'abc001_a',
  firstSample: 0,
  prompt: [
    { role: 'system', content: 'sys' },
    { role: 'user', content: 'solve it' },
  ],
  style: 'OpenAIChat',
  sampling,
};

function spec(baseUrl: string) {
  return {
    backend: 'openai' as const,
    model: 'test-model',
    base_url: baseUrl,
    api_key_env: 'TEST_KEY',
    concurrency: 4,
    timeout_ms: 2_000,
    max_attempts: 4,
  };
}

describe('OpenAiModel against a local OpenAI-compatible server', () => {
  let server: FakeOpenAiServer;
  let dir: string;
  before(async () => {
    server = await startFakeOpenAiServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.seen.length = 0;
    server.script = [];
    dir = mkdtempSync(join(tmpdir(), 'hrm-lcb-cache-'));
  });

  it('sends a chat request with the sampling parameters and the key, and returns n outputs in order', async () => {
    const model = new OpenAiModel(spec(server.baseUrl), { apiKey: 'sk-secret-1', cache: noResponseCache });
    const result = await model.generate(chatRequest);
    assert.equal(result.outputs.length, 3);
    assert.deepEqual(
      result.outputs,
      [0, 1, 2].map((i) => `answer ${i} to ${JSON.stringify(chatRequest.prompt).length} chars`),
    );
    assert.equal(result.cached, false);
    assert.equal(server.seen.length, 1);
    const [seen] = server.seen;
    assert.equal(seen!.path, '/v1/chat/completions');
    assert.equal(seen!.headers.authorization, 'Bearer sk-secret-1');
    assert.deepEqual(
      { ...seen!.body },
      {
        model: 'test-model',
        messages: chatRequest.prompt,
        n: 3,
        temperature: 0.2,
        top_p: 0.95,
        max_tokens: 64,
      },
    );
  });

  it('sends completion strings (base-model styles) to /completions with the stop strings', async () => {
    const model = new OpenAiModel(spec(server.baseUrl), { apiKey: 'k', cache: noResponseCache });
    const result = await model.generate({
      ...chatRequest,
      prompt: '### Question\nq\n\n### Answer\n\n',
      style: 'GenericBase',
      sampling: { ...sampling, n: 2, stop: ['###'] },
    });
    assert.equal(result.outputs.length, 2);
    assert.equal(server.seen[0]!.path, '/v1/completions');
    assert.deepEqual(server.seen[0]!.body.stop, ['###']);
    assert.equal(server.seen[0]!.body.prompt, '### Question\nq\n\n### Answer\n\n');
  });

  it('asks again for the missing choices when the server returns fewer than n', async () => {
    server.script = [
      { kind: 'ok', choices: 1, text: () => 'first' },
      { kind: 'ok', text: (i) => `rest ${i}` },
    ];
    const model = new OpenAiModel(spec(server.baseUrl), { apiKey: 'k', cache: noResponseCache });
    const result = await model.generate(chatRequest);
    assert.deepEqual(result.outputs, ['first', 'rest 0', 'rest 1']);
    assert.deepEqual(
      server.seen.map((s) => s.body.n),
      [3, 2],
    );
  });

  it('caches by canonical request: the second call makes no request, and the key never holds the API key', async () => {
    const cache = new DirectoryResponseCache(dir);
    const first = await new OpenAiModel(spec(server.baseUrl), { apiKey: 'sk-secret-2', cache }).generate(
      chatRequest,
    );
    const second = await new OpenAiModel(spec(server.baseUrl), { apiKey: 'another-key', cache }).generate(
      chatRequest,
    );
    assert.equal(server.seen.length, 1);
    assert.deepEqual(second.outputs, first.outputs);
    assert.equal(second.cached, true);
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.json'));
    assert.equal(files.length, 1);
    const stored = readFileSync(join(dir, files[0]!), 'utf8');
    assert.ok(!stored.includes('sk-secret-2'));
    assert.ok(!stored.includes('another-key'));
    // a different temperature is a different request
    await new OpenAiModel(spec(server.baseUrl), { apiKey: 'k', cache }).generate({
      ...chatRequest,
      sampling: { ...sampling, temperature: 0.7 },
    });
    assert.equal(server.seen.length, 2);
    rmSync(dir, { recursive: true, force: true });
  });
});

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ModelError } from '../../src/models/errors.ts';
import { OpenAiModel } from '../../src/models/openai-model.ts';
import { noResponseCache } from '../../src/models/response-cache.ts';
import type { GenerationRequest } from '../../src/models/types.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './fake-openai-server.ts';

const request: GenerationRequest = {
  scenario: 'codeexecution',
  problemId: 'sample_1',
  firstSample: 0,
  prompt: [{ role: 'user', content: 'x' }],
  style: 'OpenAIChat',
  sampling: { n: 1, temperature: 0, top_p: 1, max_tokens: 16, stop: [] },
};

describe('OpenAiModel when the server misbehaves', () => {
  let server: FakeOpenAiServer;
  const retries: { kind: string; delayMs: number }[] = [];
  function model(overrides: { timeout_ms?: number; max_attempts?: number } = {}) {
    return new OpenAiModel(
      {
        backend: 'openai',
        model: 'm',
        base_url: server.baseUrl,
        api_key_env: 'K',
        concurrency: 4,
        timeout_ms: overrides.timeout_ms ?? 2_000,
        max_attempts: overrides.max_attempts ?? 5,
      },
      {
        apiKey: 'k',
        cache: noResponseCache,
        random: () => 0, // no jitter: delays are exactly what the server asked for
        onRetry: (error, _attempt, delayMs) => retries.push({ kind: error.kind, delayMs }),
      },
    );
  }
  before(async () => {
    server = await startFakeOpenAiServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.seen.length = 0;
    retries.length = 0;
  });

  it('waits out a 429 for the Retry-After the server sent, then succeeds', async () => {
    server.script = [
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '150' } },
      { kind: 'status', status: 429, headers: { 'retry-after': '0.2' } },
    ];
    const result = await model().generate(request);
    assert.equal(result.outputs.length, 1);
    assert.equal(result.attempts, 3);
    assert.deepEqual(retries, [
      { kind: 'rate-limit', delayMs: 150 },
      { kind: 'rate-limit', delayMs: 200 },
    ]);
    const gaps = [server.seen[1]!.at - server.seen[0]!.at, server.seen[2]!.at - server.seen[1]!.at];
    assert.ok(gaps[0]! >= 140 && gaps[1]! >= 190, `gaps ${gaps}`);
  });

  it('retries 5xx and dropped connections', async () => {
    server.script = [{ kind: 'status', status: 503 }, { kind: 'drop' }, { kind: 'status', status: 500 }];
    const result = await model().generate(request);
    assert.equal(result.attempts, 4);
    assert.deepEqual(
      retries.map((r) => r.kind),
      ['server', 'network', 'server'],
    );
  });

  it('times out a slow response and succeeds on the next attempt', async () => {
    server.script = [{ kind: 'slow', delayMs: 3_000 }];
    const started = Date.now();
    const result = await model({ timeout_ms: 300 }).generate(request);
    assert.equal(result.attempts, 2);
    assert.deepEqual(
      retries.map((r) => r.kind),
      ['timeout'],
    );
    assert.ok(Date.now() - started < 2_500);
  });

  it('treats a 200 that is not a completion as malformed and retries it', async () => {
    server.script = [
      { kind: 'raw', status: 200, contentType: 'application/json', body: '{"choices": [' },
      { kind: 'raw', status: 200, contentType: 'application/json', body: '{"object": "chat.completion"}' },
      {
        kind: 'raw',
        status: 200,
        contentType: 'application/json',
        body: '{"choices": [{"message": {"content": 7}}]}',
      },
    ];
    const result = await model().generate(request);
    assert.equal(result.attempts, 4);
    assert.deepEqual(
      retries.map((r) => r.kind),
      ['malformed-response', 'malformed-response', 'malformed-response'],
    );
  });

  it('gives up after max_attempts with the last kind, and never retries auth or bad-request errors', async () => {
    server.script = [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 500 },
    ];
    await assert.rejects(model({ max_attempts: 2 }).generate(request), (error: unknown) => {
      return error instanceof ModelError && error.kind === 'server' && error.status === 500;
    });
    server.script = [{ kind: 'status', status: 401 }];
    await assert.rejects(
      model().generate(request),
      (error: unknown) => error instanceof ModelError && error.kind === 'auth',
    );
    server.script = [{ kind: 'status', status: 400 }];
    await assert.rejects(
      model().generate(request),
      (error: unknown) => error instanceof ModelError && error.kind === 'bad-request' && !error.retryable,
    );
    assert.equal(server.seen.length, 4);
  });

  it('stops waiting when the caller aborts', async () => {
    server.script = [{ kind: 'status', status: 429, headers: { 'retry-after': '30' } }];
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(
      model().generate({ ...request, signal: controller.signal }),
      (error: unknown) => error instanceof ModelError && error.kind === 'aborted',
    );
  });
});

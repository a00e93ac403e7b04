/**
 * Any OpenAI-compatible server through the official `openai` SDK: chat prompts go to `/chat/completions`,
 * completion strings (base-model styles) to `/completions`. The SDK's own retries are off; this back-end
 * retries by `ModelErrorKind` (retry-policy.ts), shares one adaptive in-flight limit across requests
 * (adaptive-concurrency.ts), asks again for missing choices when a server returns fewer than `n`, and caches
 * whole responses by canonical request (response-cache.ts).
 */
import OpenAI from 'openai';
import { z } from 'zod';
import type { OpenAiModelSpec, SamplingParams } from '../contracts/model.ts';
import type { Prompt } from '../prompts/index.ts';
import { AdaptiveConcurrency, type Clock, systemClock } from './adaptive-concurrency.ts';
import { ModelError } from './errors.ts';
import { modelErrorFromOpenAi } from './openai-errors.ts';
import type { ResponseCache } from './response-cache.ts';
import { retryDelayMs, shouldRetry } from './retry-policy.ts';
import type { GenerationRequest, GenerationResult, Model } from './types.ts';

const ChatResponse = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }) })).min(1),
});
const CompletionResponse = z.object({ choices: z.array(z.object({ text: z.string() })).min(1) });

/** What the OpenAI back-end needs besides its spec. */
export interface OpenAiModelOptions {
  /** the API key (read from `spec.api_key_env` by the caller; never stored, never in a cache key) */
  apiKey: string;
  cache: ResponseCache;
  clock?: Clock;
  random?: () => number;
  /** called before each retry wait (for progress and logs) */
  onRetry?: (error: ModelError, attempt: number, delayMs: number) => void;
}

/** The request that identifies an answer: the cache key's content. */
function canonicalRequest(spec: OpenAiModelSpec, prompt: Prompt, sampling: SamplingParams): unknown {
  return {
    base_url: spec.base_url,
    model: spec.model,
    ...(typeof prompt === 'string' ? { prompt } : { messages: prompt }),
    n: sampling.n,
    temperature: sampling.temperature,
    top_p: sampling.top_p,
    max_tokens: sampling.max_tokens,
    stop: sampling.stop,
  };
}

/** A model on an OpenAI-compatible server. */
export class OpenAiModel implements Model {
  readonly id: string;
  readonly kind = 'remote' as const;
  private readonly client: OpenAI;
  private readonly limiter: AdaptiveConcurrency;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(
    readonly spec: OpenAiModelSpec,
    private readonly options: OpenAiModelOptions,
  ) {
    this.id = `openai:${spec.model}@${spec.base_url}`;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.limiter = new AdaptiveConcurrency(spec.concurrency, this.clock);
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: spec.base_url,
      maxRetries: 0,
      timeout: spec.timeout_ms,
    });
  }

  async generate(request: GenerationRequest): Promise<GenerationResult> {
    const key = canonicalRequest(this.spec, request.prompt, request.sampling);
    const cached = await this.options.cache.get(key);
    if (cached !== undefined && cached.length === request.sampling.n) {
      return { outputs: cached, cached: true, latencyMs: 0, attempts: 0 };
    }
    const outputs: string[] = [];
    let attempts = 0;
    const started = this.clock.now();
    while (outputs.length < request.sampling.n) {
      const missing = request.sampling.n - outputs.length;
      const { choices, tries } = await this.callWithRetries(request, missing);
      attempts += tries;
      outputs.push(...choices.slice(0, missing));
    }
    await this.options.cache.put(key, outputs);
    return { outputs, cached: false, latencyMs: this.clock.now() - started, attempts };
  }

  /** One logical call (n choices), retried by kind; resolves with the choices the server returned. */
  private async callWithRetries(
    request: GenerationRequest,
    n: number,
  ): Promise<{ choices: string[]; tries: number }> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const choices = await this.limiter.run(() => this.callOnce(request, n), request.signal);
        this.limiter.succeeded();
        return { choices, tries: attempt };
      } catch (raw) {
        if (request.signal?.aborted) throw new ModelError('aborted', 'request aborted', { cause: raw });
        const error = modelErrorFromOpenAi(raw, this.clock.now());
        if (!shouldRetry(error, attempt, this.spec.max_attempts)) throw error;
        const delay = retryDelayMs(error, attempt, this.random);
        if (error.kind === 'rate-limit' || error.kind === 'server') this.limiter.overloaded(delay);
        this.options.onRetry?.(error, attempt, delay);
        try {
          await this.clock.sleep(delay, request.signal);
        } catch (abort) {
          throw new ModelError('aborted', 'request aborted while backing off', { cause: abort });
        }
      }
    }
  }

  private async callOnce(request: GenerationRequest, n: number): Promise<string[]> {
    const { sampling, prompt } = request;
    const common = {
      model: this.spec.model,
      n,
      temperature: sampling.temperature,
      top_p: sampling.top_p,
      max_tokens: sampling.max_tokens,
      ...(sampling.stop.length > 0 ? { stop: sampling.stop } : {}),
    };
    const signalOption = request.signal === undefined ? {} : { signal: request.signal };
    if (typeof prompt === 'string') {
      const body: unknown = await this.client.completions.create({ ...common, prompt }, signalOption);
      const parsed = CompletionResponse.safeParse(body);
      if (!parsed.success) throw malformed(parsed.error);
      return parsed.data.choices.map((choice) => choice.text);
    }
    const messages = prompt.map((message) => ({ role: message.role, content: message.content }));
    const body: unknown = await this.client.chat.completions.create({ ...common, messages }, signalOption);
    const parsed = ChatResponse.safeParse(body);
    if (!parsed.success) throw malformed(parsed.error);
    return parsed.data.choices.map((choice) => choice.message.content ?? '');
  }

  async close(): Promise<void> {}
}

function malformed(error: z.ZodError): ModelError {
  const issue = error.issues[0];
  const where = issue === undefined ? '' : ` at ${issue.path.join('.') || '(root)'}: ${issue.message}`;
  return new ModelError('malformed-response', `response is not a completion${where}`);
}

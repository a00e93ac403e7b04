/**
 * Which model answers and how it samples: the part of an evaluation run's config that `models/` reads.
 * Secrets never appear here: an OpenAI-compatible back-end names the environment variable holding its key.
 */
import { z } from 'zod';

/** Sampling parameters of one request (LCB's names; defaults are LCB's `runner/parser.py` defaults). */
export const SamplingParams = z.object({
  /** samples per prompt (`--n`) */
  n: z.number().int().positive().default(10),
  temperature: z.number().min(0).max(2).default(0.2),
  top_p: z.number().gt(0).max(1).default(0.95),
  max_tokens: z.number().int().positive().default(2000),
  /** stop strings; LCB sends them to base (completion) models only */
  stop: z.array(z.string().min(1)).default([]),
});
/** Resolved sampling parameters. */
export type SamplingParams = z.output<typeof SamplingParams>;

/** An OpenAI-compatible server (OpenAI, vLLM, SGLang, Ollama, llama.cpp, ...). */
export const OpenAiModelSpec = z.object({
  backend: z.literal('openai'),
  /** the `model` field of the request */
  model: z.string().min(1),
  /** e.g. `http://127.0.0.1:8000/v1`; part of the cache key, since two servers may serve different weights */
  base_url: z.string().url(),
  /** name of the environment variable holding the API key (the key itself is never stored) */
  api_key_env: z.string().min(1).default('OPENAI_API_KEY'),
  /** requests in flight at most; halved on 429/5xx and grown back on success */
  concurrency: z.number().int().positive().default(8),
  /** per-request timeout, ms (LCB `--openai_timeout` is 90 s) */
  timeout_ms: z.number().int().positive().default(90_000),
  /** attempts per request before it is recorded as an infrastructure error */
  max_attempts: z.number().int().positive().default(8),
});
/** An OpenAI-compatible model. */
export type OpenAiModelSpec = z.output<typeof OpenAiModelSpec>;

/** The embedded sample's reference solutions and true outputs, answered in the prompt style's format. */
export const OracleModelSpec = z.object({ backend: z.literal('oracle') });

/** Outputs read from a file (hrm-lcb replay JSONL, or LCB generation files). */
export const ReplayModelSpec = z.object({ backend: z.literal('replay'), file: z.string().min(1) });

/** A back-end registered at run time (e.g. an HRM checkpoint): `backend` is its registry name. */
export const PluginModelSpec = z.object({
  backend: z.literal('plugin'),
  name: z.string().min(1),
  /** what the plugin was given, e.g. a checkpoint path */
  location: z.string().min(1),
});

/** Any model hrm-lcb can evaluate. */
export const ModelSpec = z.discriminatedUnion('backend', [
  OpenAiModelSpec,
  OracleModelSpec,
  ReplayModelSpec,
  PluginModelSpec,
]);
/** A resolved model spec. */
export type ModelSpec = z.output<typeof ModelSpec>;

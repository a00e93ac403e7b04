/**
 * Turn a model spec into a back-end, and parse the `--model-path` value users type. Back-ends beyond the
 * built-in ones (an HRM checkpoint) register a factory under a name; `--model-path NAME:LOCATION` selects it.
 */

import type { ModelSpec } from '../contracts/model.ts';
import { UserError } from '../core/errors.ts';
import { OpenAiModel } from './openai-model.ts';
import { type OracleLookup, OracleModel } from './oracle.ts';
import { ReplayModel } from './replay.ts';
import type { ResponseCache } from './response-cache.ts';
import type { Model } from './types.ts';

/** Builds a plugin back-end from what followed `NAME:` in `--model-path`. */
export type ModelFactory = (location: string) => Promise<Model>;

const PLUGINS = new Map<string, ModelFactory>();

/** Register a back-end (e.g. `hrm`) so `--model-path hrm:CHECKPOINT` reaches it. */
export function registerModelBackend(name: string, factory: ModelFactory): void {
  PLUGINS.set(name, factory);
}

/** What building a back-end may need. */
export interface ModelDependencies {
  /** the oracle's answers, built from the dataset */
  oracle: () => OracleLookup;
  cache: ResponseCache;
  env: NodeJS.ProcessEnv;
}

/**
 * The spec named by `--model-path`: `oracle`, `replay:FILE`, `openai:MODEL` (or a bare `MODEL` when
 * `--base-url` is given), or `NAME:LOCATION` for a registered back-end.
 */
export function parseModelPath(value: string, baseUrl: string | undefined): ModelSpec | { openai: string } {
  if (value === 'oracle') return { backend: 'oracle' };
  if (value.startsWith('replay:')) {
    const file = value.slice('replay:'.length);
    if (file === '') throw new UserError('--model-path replay:FILE needs a file');
    return { backend: 'replay', file };
  }
  if (value.startsWith('openai:')) return { openai: value.slice('openai:'.length) };
  const colon = value.indexOf(':');
  const prefix = colon > 0 ? value.slice(0, colon) : '';
  if (PLUGINS.has(prefix)) return { backend: 'plugin', name: prefix, location: value.slice(colon + 1) };
  if (baseUrl !== undefined) return { openai: value };
  throw new UserError(`--model-path ${JSON.stringify(value)}: not a model hrm-lcb knows`, {
    hint: 'use oracle, replay:FILE, or a model name with --base-url URL (any OpenAI-compatible server)',
  });
}

/** Build the back-end for a resolved spec. */
export async function createModel(spec: ModelSpec, deps: ModelDependencies): Promise<Model> {
  switch (spec.backend) {
    case 'oracle':
      return new OracleModel(deps.oracle());
    case 'replay':
      return ReplayModel.open(spec.file);
    case 'openai': {
      const apiKey = deps.env[spec.api_key_env];
      // local servers (vLLM, Ollama) take any key; the SDK insists on one, so an absent key becomes a placeholder
      return new OpenAiModel(spec, { apiKey: apiKey ?? 'EMPTY', cache: deps.cache });
    }
    case 'plugin': {
      const factory = PLUGINS.get(spec.name);
      if (factory === undefined) throw new UserError(`no model back-end named ${spec.name} is registered`);
      return factory(spec.location);
    }
  }
}

/**
 * The HRM architecture config with upstream's field names (`HierarchicalReasoningModel_ACTV1Config` plus the
 * values of `config/arch/hrm_v1.yaml`; docs/hrm.md §1.1), and the dimensions derived from it.
 *
 * Dims legend used across `hrm/`: B batch, S seq_len, P puzzle-embedding slots, T = P + S positions,
 * D hidden_size, h num_heads, d = D / h head dim, I SwiGLU inner size, V vocab_size.
 */
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import { firstIssue } from '../core/zod-issues.ts';

/** Activation dtypes upstream accepts for `forward_dtype`; hrm-lcb always computes in float32. */
export const FORWARD_DTYPES = ['float32', 'bfloat16', 'float16'] as const;

const positiveInt = z.number().int().positive();

/**
 * Upstream's model config. Defaults are those of `hrm_v1.yaml` and the config class; `batch_size`,
 * `seq_len`, `vocab_size` and `num_puzzle_identifiers` come from the dataset, so they have none.
 * Unknown keys (`name`, `loss`, `causal`, ...) are ignored, as upstream's pydantic class does.
 */
export const HrmConfigSchema = z
  .object({
    batch_size: positiveInt.describe('rows per (per-rank) batch; sizes the puzzle-embedding local buffer'),
    seq_len: positiveInt.describe('tokens per example (S)'),
    vocab_size: positiveInt.describe('token ids 0..V-1'),
    num_puzzle_identifiers: positiveInt.describe('rows of the puzzle-embedding table'),
    puzzle_emb_ndim: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('puzzle-embedding width; 0 = none (yaml: hidden_size)'),
    H_cycles: positiveInt.default(2),
    L_cycles: positiveInt.default(2),
    H_layers: positiveInt.default(4),
    L_layers: positiveInt.default(4),
    hidden_size: positiveInt.default(512),
    expansion: z.number().positive().default(4),
    num_heads: positiveInt.default(8),
    pos_encodings: z.enum(['rope', 'learned']).default('rope'),
    rms_norm_eps: z.number().positive().default(1e-5),
    rope_theta: z.number().positive().default(10000),
    halt_max_steps: positiveInt.default(16),
    halt_exploration_prob: z.number().min(0).max(1).default(0.1),
    forward_dtype: z.enum(FORWARD_DTYPES).default('bfloat16'),
  })
  .transform((config) => ({ ...config, puzzle_emb_ndim: config.puzzle_emb_ndim ?? config.hidden_size }))
  .superRefine((config, ctx) => {
    if (config.hidden_size % config.num_heads !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['num_heads'],
        message: `hidden_size ${config.hidden_size} is not divisible by num_heads ${config.num_heads}`,
      });
    } else if (config.pos_encodings === 'rope' && (config.hidden_size / config.num_heads) % 2 !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['num_heads'],
        message: `RoPE needs an even head dim; hidden_size / num_heads = ${config.hidden_size / config.num_heads}`,
      });
    }
  });

/** A validated HRM architecture config (upstream names). */
export type HrmConfig = z.output<typeof HrmConfigSchema>;

/** Sizes every layer needs, derived once from the config. */
export interface HrmDims {
  /** puzzle-embedding slots prepended to the tokens: ceil(puzzle_emb_ndim / D) */
  P: number;
  /** positions the model sees: P + S */
  T: number;
  D: number;
  /** attention heads */
  h: number;
  /** head dim D / h */
  d: number;
  /** SwiGLU inner size: 256 * ceil(round_half_even(expansion * D * 2/3) / 256) */
  I: number;
  V: number;
  S: number;
}

/** Python's `round`: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** SwiGLU inner size exactly as upstream `SwiGLU.__init__` computes it (docs/hrm.md §4.4). */
export function swigluInnerSize(hidden: number, expansion: number): number {
  return 256 * Math.ceil(roundHalfEven((expansion * hidden * 2) / 3) / 256);
}

/** The derived dimensions of a config. */
export function hrmDims(config: HrmConfig): HrmDims {
  const P = Math.ceil(config.puzzle_emb_ndim / config.hidden_size);
  return {
    P,
    T: P + config.seq_len,
    D: config.hidden_size,
    h: config.num_heads,
    d: config.hidden_size / config.num_heads,
    I: swigluInnerSize(config.hidden_size, config.expansion),
    V: config.vocab_size,
    S: config.seq_len,
  };
}

/** Parse an arch config (already-decoded JSON), naming `source` and the bad field on failure. */
export function parseHrmConfig(value: unknown, source: string): HrmConfig {
  const result = HrmConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const { field, message } = firstIssue(result.error);
  throw new InputError(source, message, { field });
}

/** Parse the arch config stored as JSON text (e.g. the `config` entry of a weights file's metadata). */
export function parseHrmConfigJson(text: string, source: string): HrmConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(source, `config is not valid JSON: ${(error as Error).message}`);
  }
  return parseHrmConfig(value, source);
}

/** Field order of upstream's config class, used when writing a config out. */
const UPSTREAM_FIELD_ORDER = [
  'batch_size',
  'seq_len',
  'puzzle_emb_ndim',
  'num_puzzle_identifiers',
  'vocab_size',
  'H_cycles',
  'L_cycles',
  'H_layers',
  'L_layers',
  'hidden_size',
  'expansion',
  'num_heads',
  'pos_encodings',
  'rms_norm_eps',
  'rope_theta',
  'halt_max_steps',
  'halt_exploration_prob',
  'forward_dtype',
] as const satisfies readonly (keyof HrmConfig)[];

/** The config as upstream JSON (every field spelled out, upstream's order), as stored in weights metadata. */
export function hrmConfigToJson(config: HrmConfig): Record<string, unknown> {
  return Object.fromEntries(UPSTREAM_FIELD_ORDER.map((key) => [key, config[key]]));
}

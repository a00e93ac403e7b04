/**
 * The one parameter table of the HRM, derived from the config (docs/hrm.md §2 and §3). Allocation, init,
 * optimizer state and checkpoint load/save all walk this table, so weight compatibility with upstream
 * PyTorch lives here and nowhere else. Names are upstream's module paths below `model.inner.`.
 */
import { type HrmConfig, hrmDims } from './config.ts';

/** Prefix of every key in upstream's `ACTLossHead.state_dict()`. */
export const STATE_DICT_PREFIX = 'model.inner.';

/** How a tensor is initialised at model creation (upstream `trunc_normal_init_` and the q-head special case). */
export type InitSpec =
  | { kind: 'trunc_normal'; std: number }
  | { kind: 'zeros' }
  | { kind: 'constant'; value: number };

/** Dtype a tensor has in an upstream checkpoint: f32, or the model's forward dtype for H_init/L_init. */
export type StoredDtype = 'F32' | 'BF16' | 'F16';

/** One row of the parameter table. */
export interface ParamSpec {
  /** upstream module path below `model.inner.`, e.g. `H_level.layers.0.self_attn.qkv_proj.weight` */
  name: string;
  shape: readonly number[];
  /** elements: the product of `shape` */
  size: number;
  /** `parameter` is trained by AdamATan2; `buffer` is not (H_init/L_init fixed, puzzle_emb by sign-SGD) */
  kind: 'parameter' | 'buffer';
  /** dtype in an upstream checkpoint */
  storedDtype: StoredDtype;
  init: InitSpec;
}

const DTYPE_OF_FORWARD: Record<HrmConfig['forward_dtype'], StoredDtype> = {
  float32: 'F32',
  bfloat16: 'BF16',
  float16: 'F16',
};

function spec(
  name: string,
  shape: number[],
  kind: ParamSpec['kind'],
  init: InitSpec,
  storedDtype: StoredDtype = 'F32',
): ParamSpec {
  return { name, shape, size: shape.reduce((a, b) => a * b, 1), kind, storedDtype, init };
}

/** `CastedLinear(in, out)` weight [out, in] with LeCun truncated-normal init std 1/sqrt(in). */
function linear(name: string, out: number, inFeatures: number): ParamSpec {
  return spec(name, [out, inFeatures], 'parameter', { kind: 'trunc_normal', std: 1 / Math.sqrt(inFeatures) });
}

function blockParams(level: 'H_level' | 'L_level', layers: number, D: number, I: number): ParamSpec[] {
  const out: ParamSpec[] = [];
  for (let i = 0; i < layers; i += 1) {
    const prefix = `${level}.layers.${i}`;
    out.push(
      linear(`${prefix}.self_attn.qkv_proj.weight`, 3 * D, D), // [3D, D] rows: all q heads | all k | all v
      linear(`${prefix}.self_attn.o_proj.weight`, D, D), // [D, D]
      linear(`${prefix}.mlp.gate_up_proj.weight`, 2 * I, D), // [2I, D] rows: gate | up
      linear(`${prefix}.mlp.down_proj.weight`, D, I), // [D, I]
    );
  }
  return out;
}

/** Every persistent tensor of the model in upstream state-dict order (docs/hrm.md §2). */
export function paramTable(config: HrmConfig): ParamSpec[] {
  const { D, I, V, T } = hrmDims(config);
  const embedStd = 1 / Math.sqrt(D);
  const forward = DTYPE_OF_FORWARD[config.forward_dtype];
  const table: ParamSpec[] = [
    spec('H_init', [D], 'buffer', { kind: 'trunc_normal', std: 1 }, forward),
    spec('L_init', [D], 'buffer', { kind: 'trunc_normal', std: 1 }, forward),
    spec('embed_tokens.embedding_weight', [V, D], 'parameter', { kind: 'trunc_normal', std: embedStd }),
    spec('lm_head.weight', [V, D], 'parameter', { kind: 'trunc_normal', std: embedStd }),
    spec('q_head.weight', [2, D], 'parameter', { kind: 'zeros' }),
    spec('q_head.bias', [2], 'parameter', { kind: 'constant', value: -5 }),
  ];
  // lm_head is a CastedLinear(D, V): its init std is 1/sqrt(in_features) = 1/sqrt(D), the same as embedStd.
  if (config.puzzle_emb_ndim > 0) {
    table.push(
      spec('puzzle_emb.weights', [config.num_puzzle_identifiers, config.puzzle_emb_ndim], 'buffer', {
        kind: 'zeros',
      }),
    );
  }
  if (config.pos_encodings === 'learned') {
    table.push(
      spec('embed_pos.embedding_weight', [T, D], 'parameter', { kind: 'trunc_normal', std: embedStd }),
    );
  }
  table.push(
    ...blockParams('H_level', config.H_layers, D, I),
    ...blockParams('L_level', config.L_layers, D, I),
  );
  return table;
}

/** Number of trainable parameters (`model.parameters()`: the puzzle embedding and H/L_init excluded). */
export function parameterCount(table: readonly ParamSpec[]): number {
  return table.filter((p) => p.kind === 'parameter').reduce((sum, p) => sum + p.size, 0);
}

/** Number of elements in the state dict (parameters and persistent buffers). */
export function stateDictElementCount(table: readonly ParamSpec[]): number {
  return table.reduce((sum, p) => sum + p.size, 0);
}

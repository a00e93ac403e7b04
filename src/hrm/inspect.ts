/**
 * What a checkpoint file says about itself: its tensors, and, when it is an HRM state dict, the arch config
 * its shapes imply (docs/hrm.md §2). Shapes fix hidden_size, vocab_size, the layer counts, the puzzle
 * embedding, the position encoding and forward_dtype; num_heads, the cycle counts, halting and (with RoPE)
 * seq_len are not stored in the weights, so they come from the file's `config` metadata when present.
 */
import { stripKeyPrefix } from './checkpoint/state-dict.ts';
import { numel, type TensorFile } from './checkpoint/stored-tensor.ts';
import { type HrmConfig, parseHrmConfigJson, swigluInnerSize } from './config.ts';
import { paramTable } from './params.ts';

/** One tensor of the file. */
export interface TensorSummary {
  key: string;
  dtype: string;
  shape: number[];
  numel: number;
}

/** The HRM facts a state dict implies (config field names are upstream's). */
export interface ImpliedHrm {
  /** the key prefix in use (`model.inner.`, `_orig_mod.model.inner.`, ...) */
  prefix: string;
  /** config fields the shapes determine */
  implied: Partial<HrmConfig> & { swiglu_inner_size: number };
  /** the full config from the file's metadata, when it carries one and it matches the shapes */
  config: HrmConfig | undefined;
  /** fields neither the shapes nor the metadata determine */
  unknown: string[];
  /** `model.parameters()` count (the puzzle embedding and H/L_init excluded) */
  parameter_count: number;
}

/** A whole file's summary, as `hrm-lcb hrm inspect --json` prints it. */
export interface CheckpointSummary {
  tensors: TensorSummary[];
  total_elements: number;
  total_bytes: number;
  metadata: Record<string, string>;
  /** undefined when the file is not an HRM state dict; then `not_hrm` says why */
  hrm: ImpliedHrm | undefined;
  not_hrm: string | undefined;
}

/** State-dict entries that are buffers, not `model.parameters()`. */
const BUFFERS = new Set(['H_init', 'L_init', 'puzzle_emb.weights']);

const BLOCK_KEY =
  /^(H|L)_level\.layers\.(\d+)\.(self_attn\.qkv_proj|self_attn\.o_proj|mlp\.gate_up_proj|mlp\.down_proj)\.weight$/;

/** Summarise a tensor file and, if it is an HRM state dict, what config it implies. */
export function summariseCheckpoint(file: TensorFile, source: string): CheckpointSummary {
  const tensors = [...file.tensors].map(([key, t]) => ({
    key,
    dtype: t.dtype,
    shape: t.shape,
    numel: numel(t.shape),
  }));
  const total_elements = tensors.reduce((sum, t) => sum + t.numel, 0);
  const total_bytes = [...file.tensors.values()].reduce((sum, t) => sum + t.data.length, 0);
  const base = { tensors, total_elements, total_bytes, metadata: file.metadata };
  try {
    return { ...base, hrm: impliedHrm(file, source), not_hrm: undefined };
  } catch (error) {
    if (error instanceof NotHrmError) return { ...base, hrm: undefined, not_hrm: error.message };
    throw error;
  }
}

class NotHrmError extends Error {}

function impliedHrm(file: TensorFile, source: string): ImpliedHrm {
  const { prefix, tensors } = stripKeyPrefix(file);
  const shape = (name: string): number[] => {
    const t = tensors.get(name);
    if (t === undefined) throw new NotHrmError(`no ${prefix}${name}`);
    return t.shape;
  };
  const [V, D] = shape('embed_tokens.embedding_weight') as [number, number];
  const layers = { H: 0, L: 0 };
  for (const name of tensors.keys()) {
    const match = BLOCK_KEY.exec(name);
    if (match) layers[match[1] as 'H' | 'L'] = Math.max(layers[match[1] as 'H' | 'L'], Number(match[2]) + 1);
  }
  const [twoI] = shape('H_level.layers.0.mlp.gate_up_proj.weight') as [number];
  const puzzle = tensors.get('puzzle_emb.weights')?.shape;
  const positions = tensors.get('embed_pos.embedding_weight')?.shape;
  const P = puzzle === undefined ? 0 : Math.ceil(puzzle[1]! / D);
  const initDtype = tensors.get('H_init')?.dtype;
  const forward_dtype = initDtype === 'BF16' ? 'bfloat16' : initDtype === 'F16' ? 'float16' : 'float32';
  const implied: ImpliedHrm['implied'] = {
    hidden_size: D,
    vocab_size: V,
    H_layers: layers.H,
    L_layers: layers.L,
    puzzle_emb_ndim: puzzle?.[1] ?? 0,
    pos_encodings: positions === undefined ? 'rope' : 'learned',
    forward_dtype,
    swiglu_inner_size: twoI / 2,
    ...(puzzle === undefined ? {} : { num_puzzle_identifiers: puzzle[0]! }),
    ...(positions === undefined ? {} : { seq_len: positions[0]! - P }),
  };
  if (swigluInnerSize(D, 4) === twoI / 2) implied.expansion = 4;
  const config =
    file.metadata.config === undefined ? undefined : parseHrmConfigJson(file.metadata.config, source);
  if (config !== undefined) checkAgainstConfig(file, config, prefix);
  const unknown =
    config !== undefined
      ? []
      : ['num_heads', 'H_cycles', 'L_cycles', 'halt_max_steps', 'halt_exploration_prob', 'batch_size']
          .concat(implied.seq_len === undefined ? ['seq_len'] : [])
          .concat(implied.expansion === undefined ? ['expansion'] : [])
          .concat(implied.num_puzzle_identifiers === undefined ? ['num_puzzle_identifiers'] : []);
  let parameterCount = 0;
  for (const [name, t] of tensors) if (!BUFFERS.has(name)) parameterCount += numel(t.shape);
  return { prefix, implied, config, unknown, parameter_count: parameterCount };
}

/** The metadata config must describe exactly these tensors, or the file is inconsistent. */
function checkAgainstConfig(file: TensorFile, config: HrmConfig, prefix: string): void {
  const expected = paramTable(config);
  const keys = new Set(file.tensors.keys());
  for (const spec of expected) {
    const t = file.tensors.get(prefix + spec.name);
    if (t === undefined || t.shape.join(',') !== spec.shape.join(',')) {
      throw new NotHrmError(`its metadata config does not match tensor ${prefix}${spec.name}`);
    }
    keys.delete(prefix + spec.name);
  }
  if (keys.size > 0) throw new NotHrmError(`tensors beyond its metadata config: ${[...keys].join(', ')}`);
}

/** Human-readable byte count (MiB with 2 decimals above 1 MiB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

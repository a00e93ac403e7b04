/**
 * Upstream state-dict keys to and from the parameter table (docs/hrm.md §2). Upstream checkpoints name every
 * tensor `<prefix><module path>` with prefix `_orig_mod.model.inner.` (pretrain.py, torch.compile on),
 * `model.inner.` (ACTLossHead) or `inner.` (the bare ACT model); all load. Exports default to
 * `model.inner.`, and H_init/L_init are stored in the model's forward dtype, as upstream's `assign=True` load
 * expects; everything else is f32.
 */
import { InputError } from '../../core/errors.ts';
import { type HrmConfig, hrmConfigToJson } from '../config.ts';
import { STATE_DICT_PREFIX } from '../params.ts';
import { ParamBuffers } from '../weights.ts';
import { DTYPES } from './dtypes.ts';
import { fromFloat32, type StoredTensor, type TensorFile, toFloat32 } from './stored-tensor.ts';

/** Key prefixes upstream files use, longest first. */
export const KEY_PREFIXES = ['_orig_mod.model.inner.', '_orig_mod.inner.', 'model.inner.', 'inner.'] as const;

/** The prefix every key of the file shares (one of `KEY_PREFIXES`, or '' for bare module paths). */
export function detectKeyPrefix(keys: readonly string[]): string {
  for (const prefix of KEY_PREFIXES) {
    if (keys.length > 0 && keys.every((key) => key.startsWith(prefix))) return prefix;
  }
  return '';
}

/** The tensors of a file keyed by bare module path (prefix removed), in file order. */
export function stripKeyPrefix(file: TensorFile): { prefix: string; tensors: Map<string, StoredTensor> } {
  const prefix = detectKeyPrefix([...file.tensors.keys()]);
  const tensors = new Map<string, StoredTensor>();
  for (const [key, tensor] of file.tensors) tensors.set(key.slice(prefix.length), tensor);
  return { prefix, tensors };
}

/**
 * Load a state dict into freshly allocated buffers for `config`. Every table row must be present with its
 * exact shape and a float dtype (bf16/f16/f64 are converted to f32); missing and unexpected keys are listed.
 */
export function stateDictToWeights(file: TensorFile, config: HrmConfig, source: string): ParamBuffers {
  const weights = ParamBuffers.forConfig(config);
  const { prefix, tensors } = stripKeyPrefix(file);
  const expected = new Set(weights.table.map((p) => p.name));
  const missing = weights.table.filter((p) => !tensors.has(p.name)).map((p) => prefix + p.name);
  const unexpected = [...tensors.keys()].filter((name) => !expected.has(name)).map((name) => prefix + name);
  if (missing.length > 0 || unexpected.length > 0) {
    const parts = [];
    if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
    if (unexpected.length > 0) parts.push(`unexpected ${unexpected.join(', ')}`);
    throw new InputError(source, `state dict does not match the config: ${parts.join('; ')}`, {
      hint: 'check the config (layers, pos_encodings, puzzle_emb_ndim) against `hrm-lcb hrm inspect` of the file',
    });
  }
  for (const spec of weights.table) {
    const tensor = tensors.get(spec.name)!;
    const key = prefix + spec.name;
    if (tensor.shape.join(',') !== spec.shape.join(',')) {
      throw new InputError(
        source,
        `shape [${tensor.shape.join(', ')}] but the config needs [${spec.shape.join(', ')}]`,
        {
          field: key,
        },
      );
    }
    if (!DTYPES[tensor.dtype].isFloat) {
      throw new InputError(source, `dtype ${tensor.dtype} is not a float type`, { field: key });
    }
    weights.get(spec.name).set(toFloat32(tensor));
  }
  return weights;
}

/** Options for exporting weights as an upstream state dict. */
export interface ExportOptions {
  /** key prefix; default `model.inner.` (use `_orig_mod.model.inner.` for a pretrain.py-shaped checkpoint) */
  prefix?: string;
  /** store every float tensor as bf16 instead of f32 (H_init/L_init always follow forward_dtype) */
  bf16?: boolean;
  /** extra string metadata (safetensors `__metadata__`); the config is always added as `config` */
  metadata?: Record<string, string>;
}

/** Weights as an upstream state dict in table order, with the arch config in the metadata. */
export function weightsToStateDict(
  weights: ParamBuffers,
  config: HrmConfig,
  options: ExportOptions = {},
): TensorFile {
  const prefix = options.prefix ?? STATE_DICT_PREFIX;
  const tensors = new Map<string, StoredTensor>();
  for (const spec of weights.table) {
    const isInit = spec.name === 'H_init' || spec.name === 'L_init';
    const dtype = isInit ? spec.storedDtype : options.bf16 ? 'BF16' : 'F32';
    tensors.set(prefix + spec.name, fromFloat32(weights.get(spec.name), spec.shape, dtype));
  }
  return {
    tensors,
    metadata: { format: 'pt', ...options.metadata, config: JSON.stringify(hrmConfigToJson(config)) },
  };
}

/**
 * Batches from tensor files, as `hrm-lcb hrm forward --batch` reads them: `inputs` [B, S], `puzzle_identifiers`
 * [B] and optionally `labels` [B, S] (-100 = ignore), any integer dtype (upstream's loader converts to int32;
 * docs/hrm.md §8.2). Every id is range-checked against the config here, at the boundary.
 */
import { InputError } from '../core/errors.ts';
import { IGNORE_LABEL_ID } from '../tensor/index.ts';
import { DTYPES } from './checkpoint/dtypes.ts';
import { type StoredTensor, type TensorFile, toInt32 } from './checkpoint/stored-tensor.ts';
import type { HrmConfig } from './config.ts';
import type { HrmBatch } from './model.ts';

/** A validated batch and its row count. */
export interface LoadedBatch extends HrmBatch {
  rows: number;
}

function intTensor(
  file: TensorFile,
  name: string,
  source: string,
  required: boolean,
): StoredTensor | undefined {
  const tensor = file.tensors.get(name);
  if (tensor === undefined) {
    if (!required) return undefined;
    throw new InputError(
      source,
      `the batch has no "${name}" tensor (has: ${[...file.tensors.keys()].join(', ') || 'none'})`,
      {
        field: name,
      },
    );
  }
  if (DTYPES[tensor.dtype].isFloat || tensor.dtype === 'BOOL') {
    throw new InputError(source, `must be an integer tensor, got ${tensor.dtype}`, { field: name });
  }
  return tensor;
}

function checkRange(
  values: Int32Array,
  name: string,
  source: string,
  ok: (v: number) => boolean,
  what: string,
): void {
  const bad = values.findIndex((v) => !ok(v));
  if (bad >= 0)
    throw new InputError(source, `value ${values[bad]} at flat index ${bad} is not ${what}`, { field: name });
}

/** Read and validate a batch for `config` from a tensor file. */
export function batchFromTensorFile(file: TensorFile, config: HrmConfig, source: string): LoadedBatch {
  const inputs = intTensor(file, 'inputs', source, true)!;
  if (inputs.shape.length !== 2 || inputs.shape[1] !== config.seq_len) {
    throw new InputError(
      source,
      `shape [${inputs.shape.join(', ')}] is not [batch, seq_len=${config.seq_len}]`,
      {
        field: 'inputs',
      },
    );
  }
  const rows = inputs.shape[0]!;
  if (rows === 0) throw new InputError(source, 'the batch has no rows', { field: 'inputs' });
  const ids = intTensor(file, 'puzzle_identifiers', source, true)!;
  if (ids.shape.length !== 1 || ids.shape[0] !== rows) {
    throw new InputError(source, `shape [${ids.shape.join(', ')}] is not [${rows}]`, {
      field: 'puzzle_identifiers',
    });
  }
  const batch: LoadedBatch = { rows, inputs: toInt32(inputs), puzzleIdentifiers: toInt32(ids) };
  const V = config.vocab_size;
  checkRange(batch.inputs, 'inputs', source, (v) => v >= 0 && v < V, `a token id in [0, ${V})`);
  if (config.puzzle_emb_ndim > 0) {
    const N = config.num_puzzle_identifiers;
    checkRange(
      batch.puzzleIdentifiers,
      'puzzle_identifiers',
      source,
      (v) => v >= 0 && v < N,
      `a puzzle id in [0, ${N})`,
    );
  }
  const labels = intTensor(file, 'labels', source, false);
  if (labels !== undefined) {
    if (labels.shape.join(',') !== inputs.shape.join(',')) {
      throw new InputError(
        source,
        `shape [${labels.shape.join(', ')}] differs from inputs [${inputs.shape.join(', ')}]`,
        {
          field: 'labels',
        },
      );
    }
    batch.labels = toInt32(labels);
    checkRange(
      batch.labels,
      'labels',
      source,
      (v) => v === IGNORE_LABEL_ID || (v >= 0 && v < V),
      `-100 or a token id in [0, ${V})`,
    );
  }
  return batch;
}

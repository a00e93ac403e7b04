/**
 * Upstream HRM datasets on disk (docs/hrm.md §8; upstream `puzzle_dataset.py`, `dataset/common.py`):
 * `<dir>/<split>/dataset.json` (PuzzleDatasetMetadata) and `<set>__{inputs,labels,puzzle_identifiers,
 * puzzle_indices,group_indices}.npy` per set. Test-mode batches are exactly upstream's (file order, chunks
 * of the global batch, this rank's slice, padding); train-mode batches have upstream's distribution (group
 * shuffles, one random puzzle per group, its examples without replacement, the incomplete last batch
 * dropped) from hrm-lcb's own seeded generator, since numpy's streams cannot be reproduced.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../core/errors.ts';
import { firstIssue } from '../../core/zod-issues.ts';
import { IGNORE_LABEL_ID, Rng } from '../../tensor/index.ts';
import type { HrmBatch } from '../model.ts';
import { type NpyArray, npyInt, readNpy } from './npy.ts';

/** `dataset.json`, upstream's PuzzleDatasetMetadata. */
export const PuzzleDatasetMetadataSchema = z.object({
  pad_id: z.number().int(),
  ignore_label_id: z.number().int().nullable(),
  blank_identifier_id: z.number().int(),
  vocab_size: z.number().int().positive(),
  seq_len: z.number().int().positive(),
  num_puzzle_identifiers: z.number().int().positive(),
  total_groups: z.number().int().min(0),
  mean_puzzle_examples: z.number(),
  sets: z.array(z.string()).min(1),
});

/** Validated dataset metadata. */
export type PuzzleDatasetMetadata = z.output<typeof PuzzleDatasetMetadataSchema>;

/** One set of a split: examples, puzzles (CSR over examples) and groups (CSR over puzzles). */
export interface PuzzleSet {
  name: string;
  /** [N_examples, seq_len] */
  inputs: NpyArray;
  /** [N_examples, seq_len] */
  labels: NpyArray;
  /** [N_puzzles] puzzle-embedding row of each puzzle */
  puzzleIdentifiers: Int32Array;
  /** [N_puzzles + 1] example offsets */
  puzzleIndices: Int32Array;
  /** [N_groups + 1] puzzle offsets */
  groupIndices: Int32Array;
}

/** A loaded split (`train` or `test`). */
export interface PuzzleSplit {
  dir: string;
  metadata: PuzzleDatasetMetadata;
  sets: PuzzleSet[];
}

/** One batch as upstream's loader yields it. */
export interface PuzzleBatch {
  setName: string;
  batch: Required<HrmBatch>;
  /** examples in the global batch before padding (upstream's third element) */
  globalEffectiveBatchSize: number;
}

async function readNpyFile(path: string): Promise<NpyArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputError(path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return readNpy(bytes, path);
}

function asIndexArray(array: NpyArray, path: string): Int32Array {
  if (array.shape.length !== 1)
    throw new InputError(path, `expected a 1-d array, got shape (${array.shape.join(', ')})`);
  return Int32Array.from({ length: array.shape[0]! }, (_, i) => npyInt(array, i));
}

function checkCsr(offsets: Int32Array, total: number, path: string): void {
  if (offsets.length === 0 || offsets[0] !== 0) throw new InputError(path, 'CSR offsets must start at 0');
  for (let i = 1; i < offsets.length; i += 1) {
    if (offsets[i]! < offsets[i - 1]!) throw new InputError(path, `offsets decrease at index ${i}`);
  }
  if (offsets.at(-1) !== total)
    throw new InputError(path, `last offset ${offsets.at(-1)} is not the ${total} items it indexes`);
}

/** Load and cross-check one split of an upstream-format dataset. */
export async function loadPuzzleSplit(datasetDir: string, split: 'train' | 'test'): Promise<PuzzleSplit> {
  const dir = join(datasetDir, split);
  const metaPath = join(dir, 'dataset.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(metaPath, 'utf8'));
  } catch (error) {
    throw new InputError(metaPath, `cannot read dataset metadata: ${(error as Error).message}`);
  }
  const parsed = PuzzleDatasetMetadataSchema.safeParse(raw);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new InputError(metaPath, message, { field });
  }
  const metadata = parsed.data;
  const sets: PuzzleSet[] = [];
  for (const name of metadata.sets) {
    const file = (field: string) => join(dir, `${name}__${field}.npy`);
    const inputs = await readNpyFile(file('inputs'));
    const labels = await readNpyFile(file('labels'));
    const puzzleIdentifiers = asIndexArray(
      await readNpyFile(file('puzzle_identifiers')),
      file('puzzle_identifiers'),
    );
    const puzzleIndices = asIndexArray(await readNpyFile(file('puzzle_indices')), file('puzzle_indices'));
    const groupIndices = asIndexArray(await readNpyFile(file('group_indices')), file('group_indices'));
    for (const [array, field] of [
      [inputs, 'inputs'],
      [labels, 'labels'],
    ] as const) {
      if (array.shape.length !== 2 || array.shape[1] !== metadata.seq_len) {
        throw new InputError(
          file(field),
          `shape (${array.shape.join(', ')}) is not (N, seq_len=${metadata.seq_len})`,
        );
      }
    }
    if (labels.shape[0] !== inputs.shape[0])
      throw new InputError(file('labels'), `${labels.shape[0]} rows, inputs has ${inputs.shape[0]}`);
    checkCsr(puzzleIndices, inputs.shape[0]!, file('puzzle_indices'));
    checkCsr(groupIndices, puzzleIdentifiers.length, file('group_indices'));
    if (puzzleIndices.length !== puzzleIdentifiers.length + 1) {
      throw new InputError(
        file('puzzle_indices'),
        `${puzzleIndices.length} offsets for ${puzzleIdentifiers.length} puzzles`,
      );
    }
    const badId = puzzleIdentifiers.findIndex((id) => id < 0 || id >= metadata.num_puzzle_identifiers);
    if (badId >= 0) {
      throw new InputError(
        file('puzzle_identifiers'),
        `puzzle ${badId} has id ${puzzleIdentifiers[badId]}, outside [0, ${metadata.num_puzzle_identifiers})`,
      );
    }
    sets.push({ name, inputs, labels, puzzleIdentifiers, puzzleIndices, groupIndices });
  }
  return { dir, metadata, sets };
}

/** Rows [examples] of a set as int32 inputs and labels (ignore_label_id becomes -100), padded to `rows`. */
function collate(
  split: PuzzleSplit,
  set: PuzzleSet,
  examples: number[],
  puzzleIds: number[],
  rows: number,
): Required<HrmBatch> {
  const { seq_len: S, pad_id, ignore_label_id, blank_identifier_id } = split.metadata;
  const inputs = new Int32Array(rows * S).fill(pad_id);
  const labels = new Int32Array(rows * S).fill(IGNORE_LABEL_ID);
  const puzzleIdentifiers = new Int32Array(rows).fill(blank_identifier_id);
  examples.forEach((example, r) => {
    for (let s = 0; s < S; s += 1) {
      inputs[r * S + s] = npyInt(set.inputs, example * S + s);
      const label = npyInt(set.labels, example * S + s);
      labels[r * S + s] = ignore_label_id !== null && label === ignore_label_id ? IGNORE_LABEL_ID : label;
    }
    puzzleIdentifiers[r] = set.puzzleIdentifiers[puzzleIds[r]!]!;
  });
  return { inputs, labels, puzzleIdentifiers };
}

/** Upstream's test-mode batches for this rank: every example once, in file order, padded to the local batch. */
export function* testBatches(
  split: PuzzleSplit,
  globalBatchSize: number,
  rank = 0,
  worldSize = 1,
): Generator<PuzzleBatch> {
  if (globalBatchSize % worldSize !== 0)
    throw new RangeError(`global batch ${globalBatchSize} is not a multiple of ${worldSize} ranks`);
  const local = globalBatchSize / worldSize;
  for (const set of split.sets) {
    const total = set.inputs.shape[0]!;
    for (let start = 0; start < total; start += globalBatchSize) {
      const end = Math.min(total, start + globalBatchSize);
      const localStart = start + rank * local;
      const localEnd = Math.min(start + (rank + 1) * local, end);
      const examples: number[] = [];
      const puzzles: number[] = [];
      let puzzle = 0;
      for (let i = localStart; i < localEnd; i += 1) {
        while (puzzle + 1 < set.puzzleIndices.length && i >= set.puzzleIndices[puzzle + 1]!) puzzle += 1;
        examples.push(i);
        puzzles.push(puzzle);
      }
      yield {
        setName: set.name,
        batch: collate(split, set, examples, puzzles, local),
        globalEffectiveBatchSize: end - start,
      };
    }
  }
}

/**
 * Upstream's train-mode batches of one iteration (`epochs_per_iter` shuffled passes over the groups) for this
 * rank. `iteration` (1-based, upstream's `_iters`) and `seed` fix the draws.
 */
export function* trainBatches(
  split: PuzzleSplit,
  options: {
    globalBatchSize: number;
    epochsPerIter: number;
    seed: number;
    iteration: number;
    rank?: number;
    worldSize?: number;
  },
): Generator<PuzzleBatch> {
  const { globalBatchSize, epochsPerIter, seed, iteration } = options;
  const rank = options.rank ?? 0;
  const worldSize = options.worldSize ?? 1;
  const local = globalBatchSize / worldSize;
  for (const set of split.sets) {
    const rng = new Rng(seed * 1_000_003 + iteration);
    const groups = set.groupIndices.length - 1;
    const order: number[] = [];
    for (let e = 0; e < epochsPerIter; e += 1) order.push(...permutation(groups, rng));
    let next = 0;
    while (next < order.length) {
      const examples: number[] = [];
      const puzzles: number[] = [];
      while (next < order.length && examples.length < globalBatchSize) {
        const group = order[next++]!;
        const puzzle = rng.int(set.groupIndices[group]!, set.groupIndices[group + 1]! - 1);
        const first = set.puzzleIndices[puzzle]!;
        const size = set.puzzleIndices[puzzle + 1]! - first;
        const take = Math.min(size, globalBatchSize - examples.length);
        for (const offset of permutation(size, rng).slice(0, take)) {
          examples.push(first + offset);
          puzzles.push(puzzle);
        }
      }
      if (examples.length < globalBatchSize) break; // upstream drops the incomplete last batch
      const slice = (a: number[]) => a.slice(rank * local, (rank + 1) * local);
      yield {
        setName: set.name,
        batch: collate(split, set, slice(examples), slice(puzzles), local),
        globalEffectiveBatchSize: examples.length,
      };
    }
  }
}

function permutation(n: number, rng: Rng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

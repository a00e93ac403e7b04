/**
 * Tensor-level embedding lookup and its scatter-add gradient (docs/hrm.md §4.1: token rows, sparse
 * puzzle-embedding rows, all multiplied by √D). Ids are int32 and checked against the table size.
 */
import { kernels } from '../backend.ts';
import type { Tensor } from '../tensor.ts';
import { expectContiguous, expectDense } from './checks.ts';

/** out [N, D] = scale·weight[ids] for weight [V, D] and N = ids.length */
export function embeddingForward(out: Tensor, weight: Tensor, ids: Int32Array, scale = 1): void {
  const D = tableDim('embeddingForward', weight);
  expectDense('embeddingForward', 'out', out, [ids.length, D]);
  kernels().embeddingForward(out.data, weight.data, ids, ids.length, D, scale);
}

/** dWeight[ids[i]] += scale·dOut[i] for dWeight [V, D]; repeated ids sum */
export function embeddingBackward(dWeight: Tensor, dOut: Tensor, ids: Int32Array, scale = 1): void {
  const D = tableDim('embeddingBackward', dWeight);
  expectDense('embeddingBackward', 'dOut', dOut, [ids.length, D]);
  kernels().embeddingBackward(dWeight.data, dOut.data, ids, ids.length, D, scale);
}

function tableDim(op: string, table: Tensor): number {
  if (table.rank !== 2) throw new RangeError(`${op}: the table must be [V, D], got [${table.shape}]`);
  expectContiguous(op, 'table', table);
  return table.shape[1]!;
}

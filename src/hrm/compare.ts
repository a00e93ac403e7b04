/**
 * Tensor-by-tensor comparison of two tensor files (e.g. `hrm-lcb hrm forward` output against the same
 * rollout in PyTorch): float tensors within atol + rtol * max|expected|, integer and bool tensors exactly.
 */
import { DTYPES } from './checkpoint/dtypes.ts';
import { type TensorFile, toNumbers } from './checkpoint/stored-tensor.ts';

/** Tolerances of a comparison. */
export interface CompareTolerance {
  atol: number;
  rtol: number;
}

/** The verdict on one tensor present in both files. */
export interface TensorComparison {
  key: string;
  ok: boolean;
  /** max |actual - expected| (floats), or the number of differing elements (integers and bools) */
  maxAbsDiff: number;
  /** the bound floats had to meet (0 for exact comparisons) */
  limit: number;
  /** why a tensor could not be compared value by value (dtype or shape mismatch) */
  problem: string | undefined;
}

/** The whole comparison. */
export interface CompareReport {
  tensors: TensorComparison[];
  onlyInActual: string[];
  onlyInExpected: string[];
  ok: boolean;
}

/** Compare every tensor of `actual` with the same key in `expected`. */
export function compareTensorFiles(
  actual: TensorFile,
  expected: TensorFile,
  tolerance: CompareTolerance,
): CompareReport {
  const tensors: TensorComparison[] = [];
  for (const [key, want] of expected.tensors) {
    const got = actual.tensors.get(key);
    if (got === undefined) continue;
    if (got.shape.join(',') !== want.shape.join(',')) {
      tensors.push({
        key,
        ok: false,
        maxAbsDiff: Number.NaN,
        limit: 0,
        problem: `shape [${got.shape}] vs [${want.shape}]`,
      });
      continue;
    }
    const a = toNumbers(got);
    const b = toNumbers(want);
    const isFloat = DTYPES[got.dtype].isFloat || DTYPES[want.dtype].isFloat;
    if (!isFloat) {
      const differing = a.filter((v, i) => v !== b[i]).length;
      tensors.push({ key, ok: differing === 0, maxAbsDiff: differing, limit: 0, problem: undefined });
      continue;
    }
    let scale = 0;
    let diff = 0;
    for (let i = 0; i < b.length; i += 1) {
      scale = Math.max(scale, Math.abs(b[i]!));
      const d = Math.abs(a[i]! - b[i]!);
      if (!(d <= diff)) diff = d; // NaN propagates
    }
    const limit = tolerance.atol + tolerance.rtol * scale;
    tensors.push({ key, ok: diff <= limit, maxAbsDiff: diff, limit, problem: undefined });
  }
  const onlyInActual = [...actual.tensors.keys()].filter((k) => !expected.tensors.has(k));
  const onlyInExpected = [...expected.tensors.keys()].filter((k) => !actual.tensors.has(k));
  return {
    tensors,
    onlyInActual,
    onlyInExpected,
    ok: tensors.every((t) => t.ok) && onlyInExpected.length === 0,
  };
}

/**
 * `tmp_result = prediction == gt_out` and `if not tmp_result` of `grade_call_based`, for a returned value
 * and the parsed expected output. Plain values compare with Python `==`; a numpy array compares
 * element-wise (numpy 1.24), so the stored entry is its first element and `not array` raises when it has
 * more than one.
 */
import { pyEquals } from '../python/equals.ts';
import { PyNdarray, type PyValue, unshown } from '../python/value.ts';

/** What comparing one functional test's output did. */
export type FunctionalOutcome =
  | { kind: 'equal' }
  /** unequal: `stored` is what upstream appends to the result list (`False`, or an array's first element) */
  | { kind: 'unequal'; stored: boolean }
  /** `not tmp_result` raised (an array of several elements): `stored` is appended, then `-4` */
  | { kind: 'raises'; stored: boolean; repr: string };

const AMBIGUOUS =
  "ValueError('The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()')";

/** Shape and C-order items of a rectangular nested list, or null when ragged or not a list. */
function asArray(value: PyValue): { shape: number[]; items: PyValue[] } | null {
  const plain = unshown(value);
  if (!Array.isArray(plain)) return { shape: [], items: [plain] };
  if (plain.length === 0) return { shape: [0], items: [] };
  const parts = plain.map(asArray);
  if (parts.some((p) => p === null)) return null;
  const first = parts[0]!;
  const same = parts.every(
    (p) => p!.shape.length === first.shape.length && p!.shape.every((d, i) => d === first.shape[i]),
  );
  if (!same) return null;
  return { shape: [plain.length, ...first.shape], items: parts.flatMap((p) => p!.items) };
}

/** numpy's element-wise `array == other` for an array and a plain value, or null when it falls back to False. */
function elementwise(array: PyNdarray, other: PyValue): boolean[] | null {
  const right = asArray(other);
  if (right === null) return null;
  if (right.shape.length === 0) return array.items.map((item) => pyEquals(item, right.items[0]!));
  const same = right.shape.length === array.shape.length && right.shape.every((d, i) => d === array.shape[i]);
  if (!same) return null;
  return array.items.map((item, i) => pyEquals(item, right.items[i]!));
}

/** Compare a functional test's returned value with the expected value as LCB does. */
export function compareFunctionalOutput(prediction: PyValue, expected: PyValue): FunctionalOutcome {
  const value = unshown(prediction);
  if (!(value instanceof PyNdarray)) {
    return pyEquals(prediction, expected) ? { kind: 'equal' } : { kind: 'unequal', stored: false };
  }
  const flags = elementwise(value, expected);
  if (flags === null || flags.length === 0) return { kind: 'unequal', stored: false };
  if (flags.length === 1) return flags[0] ? { kind: 'equal' } : { kind: 'unequal', stored: false };
  return { kind: 'raises', stored: flags[0]!, repr: AMBIGUOUS };
}

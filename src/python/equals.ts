/**
 * Python `==` between host-side values (`value.ts`): numeric tower (`True == 1 == 1.0`, exact int/float
 * comparison, `nan != nan`), containers compared structurally, `tuple != list`, `set == frozenset`,
 * dict keys matched by hash equality. numpy arrays are handled by the callers that need their semantics
 * (`grade/functional.ts`); inside containers an array compares unequal.
 */
import {
  PyBytes,
  PyComplex,
  PyDict,
  PyNdarray,
  PyOpaque,
  PySet,
  PyShown,
  PyTuple,
  type PyValue,
  unshown,
} from './value.ts';

type Numeric = { int: bigint } | { float: number } | { complex: PyComplex };

function numericOf(value: PyValue): Numeric | null {
  if (typeof value === 'boolean') return { int: value ? 1n : 0n };
  if (typeof value === 'bigint') return { int: value };
  if (typeof value === 'number') return { float: value };
  if (value instanceof PyComplex) return { complex: value };
  return null;
}

/** Exact int == float, as CPython compares them (no rounding of the int). */
function intEqualsFloat(int: bigint, float: number): boolean {
  if (!Number.isFinite(float) || !Number.isInteger(float)) return false;
  return BigInt(float) === int;
}

/** Comparison options beyond Python's own `==`. */
export interface EqualsOptions {
  /** NaN equals NaN (`--grader fixed` code execution); Python says no */
  nanEqualsNan?: boolean;
}

function floatEquals(a: number, b: number, options: EqualsOptions): boolean {
  return a === b || (options.nanEqualsNan === true && Number.isNaN(a) && Number.isNaN(b));
}

function realEquals(
  a: { int: bigint } | { float: number },
  b: { int: bigint } | { float: number },
  options: EqualsOptions,
): boolean {
  if ('int' in a) return 'int' in b ? a.int === b.int : intEqualsFloat(a.int, b.float);
  return 'int' in b ? intEqualsFloat(b.int, a.float) : floatEquals(a.float, b.float, options);
}

function numericEquals(a: Numeric, b: Numeric, options: EqualsOptions): boolean {
  if ('complex' in a || 'complex' in b) {
    const ca = 'complex' in a ? a.complex : null;
    const cb = 'complex' in b ? b.complex : null;
    if (ca !== null && cb !== null) {
      return floatEquals(ca.real, cb.real, options) && floatEquals(ca.imag, cb.imag, options);
    }
    const complex = (ca ?? cb)!;
    const real = (ca === null ? a : b) as { int: bigint } | { float: number };
    return complex.imag === 0 && realEquals({ float: complex.real }, real, options);
  }
  return realEquals(a, b, options);
}

let nanKeys = 0;

/**
 * A string that is equal for two hashable values exactly when Python's `hash`+`==` would find one as
 * the other's dict key; null for unhashable values. Each NaN gets its own key (nan != nan).
 */
export function hashKey(input: PyValue): string | null {
  const value = unshown(input);
  if (value === null) return 'N';
  const numeric = numericOf(value);
  if (numeric !== null) {
    if ('int' in numeric) return `n${numeric.int}`;
    const real = 'float' in numeric ? numeric.float : numeric.complex.real;
    const imag = 'complex' in numeric ? numeric.complex.imag : 0;
    if (Number.isNaN(real) || Number.isNaN(imag)) return `nan#${nanKeys++}`;
    if (imag !== 0) return `c${real},${imag}`;
    if (Number.isInteger(real)) return `n${BigInt(real)}`;
    return `f${real}`;
  }
  if (typeof value === 'string') return `s${value}`;
  if (value instanceof PyBytes) return `b${Buffer.from(value.bytes).toString('hex')}`;
  if (value instanceof PyTuple) {
    const keys = value.items.map(hashKey);
    return keys.includes(null) ? null : `t(${keys.map((k) => `${k!.length}:${k}`).join('')})`;
  }
  if (value instanceof PySet && value.frozen) {
    const keys = value.items.map(hashKey);
    return keys.includes(null) ? null : `F{${keys.sort().join('\u0000')}}`;
  }
  if (value instanceof PyOpaque) return null;
  return null;
}

function sequencesEqual(a: PyValue[], b: PyValue[], options: EqualsOptions): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    if (!pyEquals(a[i]!, b[i]!, options)) return false;
  }
  return true;
}

function dictsEqual(a: PyDict, b: PyDict, options: EqualsOptions): boolean {
  if (a.entries.length !== b.entries.length) return false;
  const lookup = new Map<string, PyValue>();
  for (const [key, value] of b.entries) {
    const hash = hashKey(key);
    if (hash !== null) lookup.set(hash, value);
  }
  for (const [key, value] of a.entries) {
    const hash = hashKey(key);
    if (hash === null || !lookup.has(hash)) return false;
    if (!pyEquals(value, lookup.get(hash)!, options)) return false;
  }
  return true;
}

function setsEqual(a: PySet, b: PySet): boolean {
  if (a.items.length !== b.items.length) return false;
  const keys = new Set(b.items.map(hashKey));
  return a.items.every((item) => {
    const key = hashKey(item);
    return key !== null && keys.has(key);
  });
}

/**
 * Two objects the host knows only by type and repr. Python would call the class's own `__eq__`; equal
 * reprs of one type stand in for it (deque, Decimal, datetime...). Without an own `__eq__` Python compares
 * identity, and two values from two places are never the same object.
 */
function opaqueEquals(a: PyOpaque, b: PyOpaque): boolean {
  return a.customEq && b.customEq && a.typeName === b.typeName && a.repr === b.repr;
}

/** Python `a == b` for plain values (see the module comment for numpy and opaque objects). */
export function pyEquals(left: PyValue, right: PyValue, options: EqualsOptions = {}): boolean {
  const a = left instanceof PyShown ? unshown(left) : left;
  const b = right instanceof PyShown ? unshown(right) : right;
  if (a === null || b === null) return a === b;
  const na = numericOf(a);
  const nb = numericOf(b);
  if (na !== null || nb !== null) return na !== null && nb !== null && numericEquals(na, nb, options);
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && sequencesEqual(a, b, options);
  }
  if (a instanceof PyTuple || b instanceof PyTuple) {
    return a instanceof PyTuple && b instanceof PyTuple && sequencesEqual(a.items, b.items, options);
  }
  if (a instanceof PyDict || b instanceof PyDict) {
    return a instanceof PyDict && b instanceof PyDict && dictsEqual(a, b, options);
  }
  if (a instanceof PySet || b instanceof PySet)
    return a instanceof PySet && b instanceof PySet && setsEqual(a, b);
  if (a instanceof PyBytes || b instanceof PyBytes) {
    return a instanceof PyBytes && b instanceof PyBytes && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  }
  if (a instanceof PyOpaque && b instanceof PyOpaque) return opaqueEquals(a, b);
  // numpy arrays inside containers (truth value ambiguous) and other mixes: unequal
  if (a instanceof PyNdarray || b instanceof PyNdarray) return false;
  return false;
}

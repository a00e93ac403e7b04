/**
 * Python values on the host, as the graders compare them and prompts and reports show them. Scalars use JS
 * types (`null` None, `boolean` bool, `bigint` int, `number` float, `string` str, array = list); the rest
 * are small classes. Values come from three places: the sandbox drivers' typed encoding (`decodeWire` in
 * `grade/py-wire.ts`), Python-compatible `json.loads` of dataset text (`json-loads.ts`) and Python
 * literals of dataset text (`literal.ts`).
 */

/** A Python value. */
export type PyValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | PyValue[]
  | PyTuple
  | PyDict
  | PySet
  | PyBytes
  | PyComplex
  | PyNdarray
  | PyOpaque
  | PyShown;

/** `tuple` */
export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

/** `dict`, entries in insertion order */
export class PyDict {
  constructor(readonly entries: [PyValue, PyValue][]) {}
}

/** `set` or `frozenset`, items in the producer's iteration order (what `repr` shows) */
export class PySet {
  constructor(
    readonly items: PyValue[],
    readonly frozen: boolean,
  ) {}
}

/** `bytes` */
export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}
}

/** `complex` */
export class PyComplex {
  constructor(
    readonly real: number,
    readonly imag: number,
  ) {}
}

/** A numpy array: dtype kind, shape and items in C order (each a Python scalar). */
export class PyNdarray {
  constructor(
    readonly shape: number[],
    readonly items: PyValue[],
    readonly repr: string,
    readonly str: string,
  ) {}
}

/**
 * Any other object, known only by its type and renderings. `customEq` is true when its class overrides
 * `__eq__`: Python would then call user code, which the host cannot; such comparisons count as unequal.
 */
export class PyOpaque {
  constructor(
    readonly typeName: string,
    readonly repr: string,
    readonly str: string,
    readonly customEq: boolean,
  ) {}
}

/**
 * A value that compares like `value` but renders differently: subclasses of builtin types
 * (`Counter`, `defaultdict`, an `IntEnum` member) and numpy scalars.
 */
export class PyShown {
  constructor(
    readonly value: PyValue,
    readonly repr: string,
    readonly str: string,
  ) {}
}

/** The value itself, or what a `PyShown` stands for. */
export function unshown(value: PyValue): PyValue {
  return value instanceof PyShown ? unshown(value.value) : value;
}

/**
 * The typed encoding the sandbox drivers (`src/sandbox/python/lcb/`) use for Python values, and its
 * decoder. JSON, with tags where JSON alone would lose the type:
 * plain JSON null/bool/string/array are None/bool/str/list; a JSON number is an int (the drivers write
 * only safe integers this way); `{"int": "<digits>"}` a big int; `{"float": "<repr>"}` a float
 * (`nan`, `inf`, `-inf` included); `{"tuple"|"set"|"frozenset": [...]}`; `{"dict": [[k, v], ...]}`;
 * `{"bytes": "<base64>"}`; `{"complex": ["<re>", "<im>"]}`; `{"ndarray": {shape, items, repr, str}}`;
 * `{"object": {type, repr, str, eq}}`; `{"shown": {value, repr, str}}` (subclasses, numpy scalars).
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
} from '../python/value.ts';

/** A wire value that does not follow the encoding (a driver bug or a forged message). */
export class WireFormatError extends Error {
  constructor(detail: string) {
    super(`malformed typed value from the sandbox: ${detail}`);
    this.name = 'WireFormatError';
  }
}

function floatFromRepr(text: unknown): number {
  if (text === 'nan') return Number.NaN;
  if (text === 'inf') return Number.POSITIVE_INFINITY;
  if (text === '-inf') return Number.NEGATIVE_INFINITY;
  if (typeof text !== 'string' || !/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    throw new WireFormatError(`bad float ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new WireFormatError(`${what} is not a string`);
  return value;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new WireFormatError(`${what} is not a list`);
  return value;
}

function decodeTagged(tagged: Record<string, unknown>): PyValue {
  const keys = Object.keys(tagged);
  if (keys.length !== 1) throw new WireFormatError(`tagged value with keys ${keys.join(',')}`);
  const tag = keys[0]!;
  const body = tagged[tag];
  switch (tag) {
    case 'int':
      if (typeof body !== 'string' || !/^-?\d+$/.test(body)) throw new WireFormatError('bad int');
      return BigInt(body);
    case 'float':
      return floatFromRepr(body);
    case 'tuple':
      return new PyTuple(list(body, 'tuple').map(decodeWire));
    case 'set':
    case 'frozenset':
      return new PySet(list(body, tag).map(decodeWire), tag === 'frozenset');
    case 'dict':
      return new PyDict(
        list(body, 'dict').map((pair) => {
          const kv = list(pair, 'dict entry');
          if (kv.length !== 2) throw new WireFormatError('dict entry is not a pair');
          return [decodeWire(kv[0]), decodeWire(kv[1])] as [PyValue, PyValue];
        }),
      );
    case 'bytes':
      return new PyBytes(new Uint8Array(Buffer.from(text(body, 'bytes'), 'base64')));
    case 'complex': {
      const parts = list(body, 'complex');
      return new PyComplex(floatFromRepr(parts[0]), floatFromRepr(parts[1]));
    }
    case 'ndarray': {
      const array = body as Record<string, unknown>;
      const shape = list(array.shape, 'ndarray shape').map((n) => {
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
          throw new WireFormatError('bad ndarray shape');
        return n;
      });
      const items = list(array.items, 'ndarray items').map(decodeWire);
      return new PyNdarray(shape, items, text(array.repr, 'ndarray repr'), text(array.str, 'ndarray str'));
    }
    case 'object': {
      const object = body as Record<string, unknown>;
      return new PyOpaque(
        text(object.type, 'object type'),
        text(object.repr, 'object repr'),
        text(object.str, 'object str'),
        object.eq === true,
      );
    }
    case 'shown': {
      const shown = body as Record<string, unknown>;
      return new PyShown(decodeWire(shown.value), text(shown.repr, 'repr'), text(shown.str, 'str'));
    }
    default:
      throw new WireFormatError(`unknown tag ${JSON.stringify(tag)}`);
  }
}

/** Decode one wire value (already `JSON.parse`d). */
export function decodeWire(value: unknown): PyValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new WireFormatError(`bare number ${value} is not a safe integer`);
    return BigInt(value);
  }
  if (Array.isArray(value)) return value.map(decodeWire);
  if (typeof value === 'object') return decodeTagged(value as Record<string, unknown>);
  throw new WireFormatError(`unexpected ${typeof value}`);
}

/**
 * Python's `json.dumps` / `json.dump(..., indent=4)` text, so result files are byte-for-byte what LCB
 * writes: floats as `float.__repr__` (`1.0`, `1e-05`, `NaN`), ints as ints, `ensure_ascii` escapes,
 * `", "`/`": "` separators (`","` and a newline per item with an indent). In a `PyJson` tree a JS
 * `number` is a Python float and a `bigint` a Python int.
 */
import { floatRepr } from './repr.ts';

/** A JSON value with Python's int/float distinction. */
export type PyJson = null | boolean | string | number | bigint | PyJson[] | { [key: string]: PyJson };

/** Text `json.dumps` writes as is: printable ASCII other than `"` and `\\`. */
const PLAIN = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * `ensure_ascii` string escaping. `JSON.stringify` already writes Python's escapes for `"`, `\\`, control
 * characters (`\n`, `\u001f`, ...) and lone surrogates; Python also escapes DEL and every other non-ASCII
 * UTF-16 unit (surrogate pairs as two escapes).
 */
function escapeString(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`;
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function floatText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return floatRepr(value);
}

function encode(value: PyJson, indent: number | null, level: number): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return escapeString(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return floatText(value);
  const entries: [string | null, PyJson][] = Array.isArray(value)
    ? value.map((item) => [null, item])
    : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return `${open}${close}`;
  const parts = entries.map(([key, item]) => {
    const body = encode(item, indent, level + 1);
    return key === null ? body : `${escapeString(key)}: ${body}`;
  });
  if (indent === null) return `${open}${parts.join(', ')}${close}`;
  const inner = `\n${' '.repeat(indent * (level + 1))}`;
  return `${open}${inner}${parts.join(`,${inner}`)}\n${' '.repeat(indent * level)}${close}`;
}

/**
 * `json.dumps(value)` (no indent) or `json.dumps(value, indent=N)` text. `level` is the nesting depth the
 * text is placed at, for a list written item by item: item texts at level 1, each after `",\n"` + one
 * indent, give `json.dumps(items, indent=N)`.
 */
export function pyJsonDumps(value: PyJson, indent: number | null = null, level = 0): string {
  return encode(value, indent, level);
}

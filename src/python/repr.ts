/**
 * Python `repr()` and `str()` of host-side values, as LCB's metadata shows them (`str(prediction)`,
 * `str(args)`, `str(expected)` in `grade_call_based`): float repr (`1e+16`, `1.5e-07`, `0.1`), string
 * quoting and escaping by `str.isprintable()`, container layout, `set()` / `frozenset({...})`.
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
} from './value.ts';

/** Shortest round-trip digits and decimal point position: value = 0.DIGITS × 10^decpt. */
function shortestDigits(value: number): { digits: string; decpt: number } {
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  return { digits, decpt: Number(exponent) + 1 };
}

/** `float.__repr__` (`repr` style 'r'); `addDotZero` false gives the form complex numbers use. */
export function floatRepr(value: number, addDotZero = true): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (value === 0) return `${sign}0${addDotZero ? '.0' : ''}`;
  const { digits, decpt } = shortestDigits(value);
  if (decpt <= -4 || decpt > 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exp = decpt - 1;
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) {
    return `${sign}${digits}${'0'.repeat(decpt - digits.length)}${addDotZero ? '.0' : ''}`;
  }
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

function complexRepr(value: PyComplex): string {
  const imag = floatRepr(value.imag, false);
  if (value.real === 0 && !Object.is(value.real, -0)) return `${imag}j`;
  const sign = imag.startsWith('-') ? '' : '+';
  return `(${floatRepr(value.real, false)}${sign}${imag}j)`;
}

/** Characters `str.isprintable()` rejects (Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs other than space). */
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function escapeCodePoint(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** `str.__repr__`: single quotes unless the text has `'` and no `"`. */
export function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += escapeCodePoint(code);
    else if (code < 0x7f) out += char;
    else if (char !== ' ' && NOT_PRINTABLE.test(char)) out += escapeCodePoint(code);
    else out += char;
  }
  return out + quote;
}

function bytesRepr(bytes: Uint8Array): string {
  const hasSingle = bytes.includes(0x27);
  const quote = hasSingle && !bytes.includes(0x22) ? '"' : "'";
  let out = `b${quote}`;
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (byte === 0x09) out += '\\t';
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}

/** Python `repr(value)`. */
export function pyRepr(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return floatRepr(value);
  if (typeof value === 'string') return strRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value instanceof PyTuple) {
    if (value.items.length === 1) return `(${pyRepr(value.items[0]!)},)`;
    return `(${value.items.map(pyRepr).join(', ')})`;
  }
  if (value instanceof PyDict) {
    return `{${value.entries.map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  if (value instanceof PySet) {
    const name = value.frozen ? 'frozenset' : 'set';
    if (value.items.length === 0) return `${name}()`;
    const body = `{${value.items.map(pyRepr).join(', ')}}`;
    return value.frozen ? `frozenset(${body})` : body;
  }
  if (value instanceof PyBytes) return bytesRepr(value.bytes);
  if (value instanceof PyComplex) return complexRepr(value);
  if (value instanceof PyNdarray || value instanceof PyOpaque || value instanceof PyShown) return value.repr;
  throw new TypeError('unknown Python value');
}

/** Python `str(value)`: the text itself for `str`, the given rendering for objects, else `repr`. */
export function pyStr(value: PyValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof PyNdarray || value instanceof PyOpaque || value instanceof PyShown) return value.str;
  return pyRepr(value);
}

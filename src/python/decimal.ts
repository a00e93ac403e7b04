/**
 * Python `decimal.Decimal(token)` construction and `==`, as `testing_util.convert_line_to_decimals` and the
 * list comparison in `grade_stdio` use them (CPython 3.11's C `_decimal` over libmpdec).
 *
 * Construction (`numeric_as_ascii` then `mpd_qset_string` in an exact context): underscores are dropped
 * wherever they are, Unicode decimal digits become ASCII digits, then the text must match
 * `[sign] (digits ['.' [digits]] | '.' digits) [('e'|'E') [sign] digits] | [sign] ('inf'|'infinity')
 * | [sign] ['s'] 'nan' [digits]` (case-insensitive), and a finite value must fit the maximum context
 * (adjusted exponent ≤ 999999999999999999, exponent ≥ -1999999999999999997) without rounding.
 */

/** A parsed Decimal: enough to decide Python equality. */
export type PyDecimal =
  | { kind: 'finite'; negative: boolean; coefficient: bigint; exponent: bigint }
  | { kind: 'infinity'; negative: boolean }
  | { kind: 'nan'; signaling: boolean };

/** `decimal.InvalidOperation` raised by `==` on a signalling NaN (the default context traps it). */
export class DecimalInvalidOperation extends Error {
  constructor() {
    super("[<class 'decimal.InvalidOperation'>]");
    this.name = 'DecimalInvalidOperation';
  }
}

const MAX_EMAX = 999_999_999_999_999_999n;
const MAX_ETINY = -1_999_999_999_999_999_997n;

const FINITE = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const SPECIAL = /^([+-]?)(?:(inf|infinity)|(s?)nan(\d*))$/i;

const DECIMAL_DIGIT = /^\p{Nd}$/u;
/** Nd runs added after Unicode 14 (Kawi, Nag Mundari): not digits for Python 3.11. */
const NEWER_DIGITS: readonly (readonly [number, number])[] = [
  [0x11f50, 0x11f59],
  [0x1e4f0, 0x1e4f9],
];

function isDecimalDigit(code: number): boolean {
  if (NEWER_DIGITS.some(([lo, hi]) => code >= lo && code <= hi)) return false;
  return DECIMAL_DIGIT.test(String.fromCodePoint(code));
}

/**
 * `Py_UNICODE_TODECIMAL` of one code point, or -1. Unicode encodes every Nd digit set as a run of ten
 * ascending from 0, so the value is the number of Nd code points just before it, modulo 10.
 */
function unicodeDigit(code: number): number {
  if (!isDecimalDigit(code)) return -1;
  let before = 0;
  while (before < 60 && isDecimalDigit(code - before - 1)) before += 1;
  return before % 10;
}

/** `numeric_as_ascii`: drop `_`, map Unicode digits to ASCII; null when another non-ASCII char appears. */
function asciiForm(token: string): string | null {
  let out = '';
  for (const char of token) {
    if (char === '_') continue;
    const code = char.codePointAt(0)!;
    if (code > 0 && code <= 127) {
      out += char;
      continue;
    }
    const digit = unicodeDigit(code);
    if (digit < 0) return null; // Unicode spaces cannot occur: tokens come from str.split()
    out += String(digit);
  }
  return out;
}

/** Python `Decimal(token)`, or null where Python raises `InvalidOperation` (ConversionSyntax, overflow). */
export function parseDecimal(token: string): PyDecimal | null {
  const text = asciiForm(token);
  if (text === null || text === '') return null;
  const special = SPECIAL.exec(text);
  if (special !== null) {
    if (special[2] !== undefined) return { kind: 'infinity', negative: special[1] === '-' };
    return { kind: 'nan', signaling: special[3] !== '' };
  }
  const finite = FINITE.exec(text);
  if (finite === null) return null;
  const intPart = finite[2] ?? '';
  const fracPart = finite[3] ?? finite[4] ?? '';
  const digits = (intPart + fracPart).replace(/^0+/, '');
  const exponent = BigInt(finite[5] ?? '0') - BigInt(fracPart.length);
  const coefficient = digits === '' ? 0n : BigInt(digits);
  const adjusted = exponent + BigInt(Math.max(digits.length, 1) - 1);
  if (coefficient === 0n) {
    if (exponent > MAX_EMAX || exponent < MAX_ETINY) return null; // clamped
  } else if (adjusted > MAX_EMAX || exponent < MAX_ETINY) {
    return null; // overflow, or rounded below the smallest exponent
  }
  return { kind: 'finite', negative: finite[1] === '-', coefficient, exponent };
}

/** Strip trailing decimal zeros of the coefficient into the exponent. */
function normalize(coefficient: bigint, exponent: bigint): [bigint, bigint] {
  let c = coefficient;
  let e = exponent;
  while (c !== 0n && c % 10n === 0n) {
    c /= 10n;
    e += 1n;
  }
  return [c, e];
}

/** Python `a == b` for two Decimals; throws `DecimalInvalidOperation` when either is a signalling NaN. */
export function decimalEquals(a: PyDecimal, b: PyDecimal): boolean {
  if ((a.kind === 'nan' && a.signaling) || (b.kind === 'nan' && b.signaling)) {
    throw new DecimalInvalidOperation();
  }
  if (a.kind === 'nan' || b.kind === 'nan') return false;
  if (a.kind === 'infinity' || b.kind === 'infinity') {
    return a.kind === b.kind && a.negative === b.negative;
  }
  if (a.coefficient === 0n || b.coefficient === 0n) return a.coefficient === b.coefficient;
  if (a.negative !== b.negative) return false;
  const [ca, ea] = normalize(a.coefficient, a.exponent);
  const [cb, eb] = normalize(b.coefficient, b.exponent);
  return ca === cb && ea === eb;
}

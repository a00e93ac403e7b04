/**
 * Python's `json.loads` (CPython 3.11, C scanner) over dataset text: `NaN`/`Infinity`/`-Infinity`, exact
 * big integers (up to `sys.set_int_max_str_digits(50000)`), duplicate keys keep the last value, and the
 * exact `JSONDecodeError` messages (`Expecting value: line 1 column 1 (char 0)`), which LCB reports as
 * `Error during testing: ...` when a test's expected output does not parse.
 */
import { PyDict, type PyValue } from './value.ts';

/** What `json.loads` raised: `str(e)` is `message`. */
export class PyJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PyJsonError';
  }
}

/** The int-digit limit LCB sets (`sys.set_int_max_str_digits(50000)`). */
export const INT_MAX_STR_DIGITS = 50_000;

/** Signals "no value here" like the scanner's StopIteration; carries the UTF-16 index. */
class StopScan {
  constructor(readonly index: number) {}
}

function codePointIndex(text: string, index: number): number {
  let count = 0;
  for (let i = 0; i < index; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < index) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

function decodeError(text: string, message: string, index: number): PyJsonError {
  const pos = codePointIndex(text, index);
  const before = text.slice(0, index);
  const lineno = before.split('\n').length;
  const lastNewline = before.lastIndexOf('\n');
  const colno = lastNewline < 0 ? pos + 1 : pos - codePointIndex(text, lastNewline);
  return new PyJsonError(`${message}: line ${lineno} column ${colno} (char ${pos})`);
}

const isJsonSpace = (unit: number): boolean =>
  unit === 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x0d;
const isDigit = (unit: number): boolean => unit >= 0x30 && unit <= 0x39;

class Scanner {
  constructor(readonly text: string) {}

  skipSpace(index: number): number {
    let i = index;
    while (i < this.text.length && isJsonSpace(this.text.charCodeAt(i))) i += 1;
    return i;
  }

  fail(message: string, index: number): never {
    throw decodeError(this.text, message, index);
  }

  /** `scan_once`: one value at `index`; returns it and the index after it. */
  value(index: number): [PyValue, number] {
    const text = this.text;
    if (index >= text.length) throw new StopScan(index);
    const char = text[index]!;
    if (char === '"') return this.string(index + 1);
    if (char === '{') return this.object(index + 1);
    if (char === '[') return this.array(index + 1);
    if (text.startsWith('null', index)) return [null, index + 4];
    if (text.startsWith('true', index)) return [true, index + 4];
    if (text.startsWith('false', index)) return [false, index + 5];
    if (text.startsWith('NaN', index)) return [Number.NaN, index + 3];
    if (text.startsWith('Infinity', index)) return [Number.POSITIVE_INFINITY, index + 8];
    if (text.startsWith('-Infinity', index)) return [Number.NEGATIVE_INFINITY, index + 9];
    return this.number(index);
  }

  /** `_match_number_unicode` */
  number(start: number): [PyValue, number] {
    const text = this.text;
    const end = text.length - 1;
    let i = start;
    if (text.charCodeAt(i) === 0x2d) {
      i += 1;
      if (i > end) throw new StopScan(start);
    }
    const first = text.charCodeAt(i);
    if (first >= 0x31 && first <= 0x39) {
      i += 1;
      while (i <= end && isDigit(text.charCodeAt(i))) i += 1;
    } else if (first === 0x30) {
      i += 1;
    } else {
      throw new StopScan(start);
    }
    let isFloat = false;
    if (i < end && text[i] === '.' && isDigit(text.charCodeAt(i + 1))) {
      isFloat = true;
      i += 2;
      while (i <= end && isDigit(text.charCodeAt(i))) i += 1;
    }
    if (i < end && (text[i] === 'e' || text[i] === 'E')) {
      const eStart = i;
      i += 1;
      if (i < end && (text[i] === '-' || text[i] === '+')) i += 1;
      while (i <= end && isDigit(text.charCodeAt(i))) i += 1;
      if (isDigit(text.charCodeAt(i - 1))) isFloat = true;
      else i = eStart;
    }
    const literal = text.slice(start, i);
    if (isFloat) return [Number(literal), i];
    const digits = literal.startsWith('-') ? literal.length - 1 : literal.length;
    if (digits > INT_MAX_STR_DIGITS) {
      throw new PyJsonError(
        `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`,
      );
    }
    return [BigInt(literal), i];
  }

  /** `scanstring_unicode` (strict): `start` is just after the opening quote. */
  string(start: number): [string, number] {
    const text = this.text;
    const begin = start - 1;
    let out = '';
    let i = start;
    for (;;) {
      let j = i;
      let unit = 0;
      for (; j < text.length; j += 1) {
        unit = text.charCodeAt(j);
        if (unit === 0x22 || unit === 0x5c) break;
        if (unit <= 0x1f) this.fail('Invalid control character at', j);
      }
      if (j >= text.length) this.fail('Unterminated string starting at', begin);
      out += text.slice(i, j);
      j += 1;
      if (unit === 0x22) return [out, j];
      if (j === text.length) this.fail('Unterminated string starting at', begin);
      const escaped = text[j]!;
      if (escaped !== 'u') {
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        const decoded = simple[escaped];
        if (decoded === undefined) this.fail('Invalid \\escape', j - 1);
        out += decoded;
        i = j + 1;
        continue;
      }
      j += 1;
      if (j + 4 >= text.length) this.fail('Invalid \\uXXXX escape', j - 1);
      const hex = text.slice(j, j + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\uXXXX escape', j - 1);
      let code = Number.parseInt(hex, 16);
      i = j + 4;
      if (
        code >= 0xd800 &&
        code <= 0xdbff &&
        i + 6 < text.length &&
        text[i] === '\\' &&
        text[i + 1] === 'u'
      ) {
        const low = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(low)) this.fail('Invalid \\uXXXX escape', i + 1);
        const lowCode = Number.parseInt(low, 16);
        if (lowCode >= 0xdc00 && lowCode <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (lowCode - 0xdc00);
          i += 6;
        }
      }
      out += String.fromCodePoint(code);
    }
  }

  /** `_parse_object_unicode`: `start` is just after `{`. */
  object(start: number): [PyDict, number] {
    const text = this.text;
    const entries = new Map<string, PyValue>();
    let i = this.skipSpace(start);
    if (i >= text.length || text[i] !== '}') {
      for (;;) {
        if (i >= text.length || text[i] !== '"')
          this.fail('Expecting property name enclosed in double quotes', i);
        const [key, afterKey] = this.string(i + 1);
        i = this.skipSpace(afterKey);
        if (i >= text.length || text[i] !== ':') this.fail("Expecting ':' delimiter", i);
        i = this.skipSpace(i + 1);
        const [value, afterValue] = this.value(i);
        entries.set(key, value); // a repeated key keeps its first position and takes the last value
        i = this.skipSpace(afterValue);
        if (i < text.length && text[i] === '}') break;
        if (i >= text.length || text[i] !== ',') this.fail("Expecting ',' delimiter", i);
        i = this.skipSpace(i + 1);
      }
    }
    return [new PyDict([...entries.entries()]), i + 1];
  }

  /** `_parse_array_unicode`: `start` is just after `[`. */
  array(start: number): [PyValue[], number] {
    const text = this.text;
    const items: PyValue[] = [];
    let i = this.skipSpace(start);
    if (i >= text.length || text[i] !== ']') {
      for (;;) {
        const [value, after] = this.value(i);
        items.push(value);
        i = this.skipSpace(after);
        if (i < text.length && text[i] === ']') break;
        if (i >= text.length || text[i] !== ',') this.fail("Expecting ',' delimiter", i);
        i = this.skipSpace(i + 1);
      }
    }
    return [items, i + 1];
  }
}

/** Python `json.loads(text)`; throws `PyJsonError` with CPython's exact message. */
export function pyJsonLoads(text: string): PyValue {
  const scanner = new Scanner(text);
  if (text.startsWith('\ufeff')) scanner.fail('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
  let value: PyValue;
  let end: number;
  try {
    [value, end] = scanner.value(scanner.skipSpace(0));
  } catch (error) {
    if (error instanceof StopScan) scanner.fail('Expecting value', error.index);
    throw error;
  }
  end = scanner.skipSpace(end);
  if (end !== text.length) scanner.fail('Extra data', end);
  return value;
}

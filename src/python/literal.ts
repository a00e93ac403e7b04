/**
 * Evaluates the Python literal text of a code-execution expected output (dataset text, trusted) on the
 * host, in the namespace LCB's execution check runs it in (`BASE_IMPORTS`: `inf` is `math.inf`, `nan` is
 * not defined). Covers what `repr` produces: numbers (with `_`, hex/octal/binary, complex), strings and
 * bytes with every escape but `\N{...}`, implicit concatenation, lists, tuples, dicts, sets, `True`,
 * `False`, `None`, `set()`, `frozenset(...)`, `float('nan'|'inf'|'-inf')`. Anything else is reported as
 * `unsupported` so the caller can evaluate it in a separate trusted sandbox run.
 */
import { hashKey } from './equals.ts';
import { PyBytes, PyComplex, PyDict, PySet, PyTuple, type PyValue } from './value.ts';

/** The result of evaluating expected-output text. */
export type LiteralOutcome =
  | { kind: 'value'; value: PyValue }
  /** Python raises evaluating it (e.g. `NameError("name 'nan' is not defined")`) */
  | { kind: 'raises'; repr: string }
  /** not a form this evaluator knows; evaluate it in Python instead */
  | { kind: 'unsupported' };

class Unsupported extends Error {}
class Raises extends Error {}

const NUMBER =
  /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?)/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const STRING_START = /^([rRbBuU]{0,2})('''|"""|'|")/;

interface Options {
  /** `nan` is defined (`--grader fixed`) instead of a NameError */
  nanDefined: boolean;
}

class LiteralParser {
  private pos = 0;
  /** bracket nesting: newlines are insignificant inside brackets */
  private depth = 0;
  constructor(
    private readonly text: string,
    private readonly options: Options,
  ) {}

  private skipSpace(): void {
    while (this.pos < this.text.length) {
      const char = this.text[this.pos]!;
      if (char === ' ' || char === '\t' || char === '\f') this.pos += 1;
      else if (char === '\\' && this.text[this.pos + 1] === '\n') this.pos += 2;
      else if (char === '#') throw new Unsupported();
      else if (char === '\n' && this.depth > 0) this.pos += 1;
      else break;
    }
  }

  private peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }

  private expect(char: string): void {
    if (this.peek() !== char) throw new Unsupported();
    this.pos += 1;
  }

  parseAll(): PyValue {
    const value = this.expression();
    this.skipSpace();
    while (this.text[this.pos] === '\n' || this.text[this.pos] === '\r') {
      this.pos += 1;
      this.skipSpace();
    }
    if (this.pos !== this.text.length) throw new Unsupported();
    return value;
  }

  /** `a + b` / `a - b` between numbers (complex literals such as `(1+2j)`). */
  private expression(): PyValue {
    let value = this.unary();
    for (;;) {
      const op = this.peek();
      if (op !== '+' && op !== '-') return value;
      this.pos += 1;
      const right = this.unary();
      value = addNumbers(value, right, op === '-' ? -1 : 1);
    }
  }

  private unary(): PyValue {
    const op = this.peek();
    if (op === '-' || op === '+') {
      this.pos += 1;
      const value = this.unary();
      return op === '-' ? negate(value) : plus(value);
    }
    return this.atom();
  }

  private atom(): PyValue {
    const char = this.peek();
    const rest = this.text.slice(this.pos);
    if (char === '[') return this.sequence('[', ']');
    if (char === '(') return this.sequence('(', ')');
    if (char === '{') return this.braces();
    if (STRING_START.test(rest)) return this.strings();
    const number = NUMBER.exec(rest);
    if (number !== null && /^[0-9.]/.test(rest)) {
      this.pos += number[0].length;
      if (/^[A-Za-z0-9_]/.test(this.text.slice(this.pos))) throw new Unsupported();
      return numberValue(number[0]);
    }
    const name = NAME.exec(rest);
    if (name !== null) {
      this.pos += name[0].length;
      return this.named(name[0]);
    }
    throw new Unsupported();
  }

  private named(name: string): PyValue {
    if (this.peek() === '(') return this.call(name);
    if (name === 'True') return true;
    if (name === 'False') return false;
    if (name === 'None') return null;
    if (name === 'inf') return Number.POSITIVE_INFINITY;
    if (name === 'nan') {
      if (this.options.nanDefined) return Number.NaN;
      throw new Raises(`NameError("name 'nan' is not defined")`);
    }
    throw new Unsupported();
  }

  private call(name: string): PyValue {
    const [args] = this.items('(', ')');
    if (name === 'set' || name === 'frozenset') {
      if (args.length === 0) return new PySet([], name === 'frozenset');
      const source = args.length === 1 ? args[0] : undefined;
      if (!(source instanceof PySet) && !Array.isArray(source) && !(source instanceof PyTuple)) {
        throw new Unsupported();
      }
      const items = source instanceof PySet ? source.items : Array.isArray(source) ? source : source.items;
      return new PySet(uniqueItems(items), name === 'frozenset');
    }
    if (name === 'float' && args.length === 1 && typeof args[0] === 'string') {
      const text = args[0].trim().toLowerCase();
      if (/^[+-]?nan$/.test(text)) return Number.NaN;
      if (/^[+-]?inf(inity)?$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    }
    throw new Unsupported();
  }

  /** Comma-separated expressions up to `close`; also says whether a comma was seen. */
  private items(open: string, close: string): [PyValue[], boolean] {
    this.expect(open);
    this.depth += 1;
    const items: PyValue[] = [];
    let comma = false;
    while (this.peek() !== close) {
      items.push(this.expression());
      if (this.peek() === ',') {
        comma = true;
        this.pos += 1;
      } else if (this.peek() !== close) {
        throw new Unsupported();
      }
    }
    this.pos += 1;
    this.depth -= 1;
    return [items, comma];
  }

  private sequence(open: string, close: string): PyValue {
    const [items, comma] = this.items(open, close);
    if (open === '[') return items;
    if (items.length === 1 && !comma) return items[0]!;
    return new PyTuple(items);
  }

  private braces(): PyValue {
    this.expect('{');
    this.depth += 1;
    if (this.peek() === '}') {
      this.pos += 1;
      this.depth -= 1;
      return new PyDict([]);
    }
    const first = this.expression();
    if (this.peek() === ':') {
      const entries: [PyValue, PyValue][] = [];
      let key = first;
      for (;;) {
        this.expect(':');
        entries.push([key, this.expression()]);
        if (this.peek() === ',') this.pos += 1;
        if (this.peek() === '}') break;
        key = this.expression();
      }
      this.pos += 1;
      this.depth -= 1;
      return new PyDict(uniqueEntries(entries));
    }
    const items = [first];
    while (this.peek() === ',') {
      this.pos += 1;
      if (this.peek() === '}') break;
      items.push(this.expression());
    }
    this.expect('}');
    this.depth -= 1;
    return new PySet(uniqueItems(items), false);
  }

  /** One or more adjacent string (or bytes) literals, concatenated. */
  private strings(): PyValue {
    let text = '';
    let bytes: number[] | null = null;
    let first = true;
    for (;;) {
      const match = STRING_START.exec(this.text.slice(this.pos));
      if (match === null) break;
      const prefix = match[1]!.toLowerCase();
      if (!/^(|r|u|b|br|rb)$/.test(prefix)) throw new Unsupported();
      const isBytes = prefix.includes('b');
      if (!first && isBytes !== (bytes !== null)) throw new Raises('SyntaxError()');
      const quote = match[2]!;
      this.pos += match[0].length;
      const end = this.findClose(quote);
      const body = this.text.slice(this.pos, end);
      this.pos = end + quote.length;
      const decoded = prefix.includes('r') ? body : decodeEscapes(body, isBytes);
      if (isBytes) {
        bytes ??= [];
        for (const char of decoded) {
          const code = char.codePointAt(0)!;
          if (code > 0xff) throw new Raises('SyntaxError()');
          bytes.push(code);
        }
      } else {
        text += decoded;
      }
      first = false;
      this.skipSpace();
    }
    return bytes !== null ? new PyBytes(Uint8Array.from(bytes)) : text;
  }

  private findClose(quote: string): number {
    let i = this.pos;
    while (i < this.text.length) {
      if (this.text.startsWith(quote, i)) return i;
      const char = this.text[i]!;
      if (char === '\n' && quote.length === 1) break;
      // a backslash always takes the next character along, in raw strings too (r'\'' is one quote)
      i += char === '\\' ? 2 : 1;
    }
    throw new Unsupported();
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Python string-literal escapes (`\N{...}` is left to Python). */
function decodeEscapes(body: string, isBytes: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = body[i + 1] ?? '';
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i += 1;
    } else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCodePoint(Number.parseInt(digits, 8));
      i += digits.length;
    } else if (next === 'x' || (!isBytes && (next === 'u' || next === 'U'))) {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) throw new Raises('SyntaxError()');
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) throw new Raises('SyntaxError()');
      out += String.fromCodePoint(code);
      i += 1 + width;
    } else if (next === 'N' && !isBytes) {
      throw new Unsupported();
    } else {
      out += '\\'; // unknown escapes keep the backslash
    }
  }
  return out;
}

function numberValue(literal: string): PyValue {
  const text = literal.replaceAll('_', '');
  if (/[jJ]$/.test(text)) return new PyComplex(0, Number(text.slice(0, -1)));
  if (/^0[xXoObB]/.test(text)) return BigInt(text.toLowerCase());
  if (/[.eE]/.test(text)) return Number(text);
  if (/^0\d*[1-9]/.test(text)) throw new Raises('SyntaxError()'); // 007: leading zeros are invalid
  if (text.length > 50_000) throw new Raises('ValueError()');
  return BigInt(text);
}

function negate(value: PyValue): PyValue {
  if (typeof value === 'bigint') return -value;
  if (typeof value === 'number') return -value;
  if (typeof value === 'boolean') return value ? -1n : 0n;
  if (value instanceof PyComplex) return new PyComplex(-value.real, -value.imag);
  throw new Unsupported();
}

function plus(value: PyValue): PyValue {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'bigint' || typeof value === 'number' || value instanceof PyComplex) return value;
  throw new Unsupported();
}

function asComplex(value: PyValue): PyComplex {
  if (value instanceof PyComplex) return value;
  if (typeof value === 'number') return new PyComplex(value, 0);
  if (typeof value === 'bigint') return new PyComplex(Number(value), 0);
  throw new Unsupported();
}

function addNumbers(left: PyValue, right: PyValue, sign: 1 | -1): PyValue {
  if (typeof left === 'bigint' && typeof right === 'bigint') return sign === 1 ? left + right : left - right;
  if (left instanceof PyComplex || right instanceof PyComplex) {
    const a = asComplex(left);
    const b = asComplex(right);
    return new PyComplex(a.real + sign * b.real, a.imag + sign * b.imag);
  }
  throw new Unsupported();
}

/** Set display semantics: later equal items are dropped (the first one stays). */
function uniqueItems(items: PyValue[]): PyValue[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = hashKey(item);
    if (key === null) throw new Raises("TypeError('unhashable type')");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Dict display semantics: a repeated key keeps its first position and takes the last value. */
function uniqueEntries(entries: [PyValue, PyValue][]): [PyValue, PyValue][] {
  const byKey = new Map<string, [PyValue, PyValue]>();
  for (const [key, value] of entries) {
    const hash = hashKey(key);
    if (hash === null) throw new Raises("TypeError('unhashable type')");
    const existing = byKey.get(hash);
    if (existing !== undefined) existing[1] = value;
    else byKey.set(hash, [key, value]);
  }
  return [...byKey.values()];
}

/** Evaluate expected-output text as LCB's execution check would (see the module comment). */
export function evaluateLiteral(text: string, options: Partial<Options> = {}): LiteralOutcome {
  const parser = new LiteralParser(text.trim(), { nanDefined: options.nanDefined ?? false });
  try {
    return { kind: 'value', value: parser.parseAll() };
  } catch (error) {
    if (error instanceof Unsupported) return { kind: 'unsupported' };
    if (error instanceof Raises) return { kind: 'raises', repr: error.message };
    throw error;
  }
}

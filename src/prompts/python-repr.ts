/**
 * `repr(json.loads(text))` as CPython 3.11 prints it, computed from the JSON text so that int and float stay
 * apart (`1` vs `1.0`) and big integers stay exact. Upstream's self-repair `NotImplementedError` message embeds
 * `{metadata=}` (docs/lcb.md §9), and the conformance check compares that text byte for byte.
 */

class Cursor {
  index = 0;
  constructor(readonly text: string) {}
  skipSpace(): void {
    while (this.index < this.text.length && ' \t\n\r'.includes(this.text[this.index]!)) this.index += 1;
  }
  peek(): string {
    return this.text[this.index] ?? '';
  }
  expect(char: string): void {
    if (this.text[this.index] !== char) {
      throw new SyntaxError(`expected ${JSON.stringify(char)} at offset ${this.index}`);
    }
    this.index += 1;
  }
}

const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

/** Python `repr(str)`: single quotes unless the text has `'` and no `"`; escapes as CPython does. */
export function pythonStringRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char !== ' ' && NON_PRINTABLE.test(char)) {
      if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
      else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += char;
  }
  return out + quote;
}

/** Python `repr(float)`: shortest round-trip digits, fixed notation for exponents -4..15. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${body}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fracPart = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fracPart === '' ? '0' : fracPart}`;
}

function parseString(cursor: Cursor): string {
  const start = cursor.index;
  cursor.expect('"');
  while (cursor.index < cursor.text.length && cursor.text[cursor.index] !== '"') {
    cursor.index += cursor.text[cursor.index] === '\\' ? 2 : 1;
  }
  cursor.expect('"');
  return JSON.parse(cursor.text.slice(start, cursor.index)) as string;
}

function reprNumber(cursor: Cursor): string {
  const match = /^-?(?:Infinity|NaN|\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(cursor.text.slice(cursor.index));
  if (match === null) throw new SyntaxError(`bad JSON value at offset ${cursor.index}`);
  cursor.index += match[0].length;
  const lexeme = match[0];
  if (lexeme.endsWith('Infinity')) return lexeme.startsWith('-') ? '-inf' : 'inf';
  if (lexeme.endsWith('NaN')) return 'nan';
  if (match[1] === undefined && match[2] === undefined) return BigInt(lexeme).toString();
  return pythonFloatRepr(Number(lexeme));
}

function reprValue(cursor: Cursor): string {
  cursor.skipSpace();
  const char = cursor.peek();
  if (char === '"') return pythonStringRepr(parseString(cursor));
  if (char === '{') return reprObject(cursor);
  if (char === '[') return reprArray(cursor);
  for (const [word, repr] of [
    ['true', 'True'],
    ['false', 'False'],
    ['null', 'None'],
  ] as const) {
    if (cursor.text.startsWith(word, cursor.index)) {
      cursor.index += word.length;
      return repr;
    }
  }
  return reprNumber(cursor);
}

function reprArray(cursor: Cursor): string {
  cursor.expect('[');
  const items: string[] = [];
  cursor.skipSpace();
  if (cursor.peek() === ']') cursor.index += 1;
  else {
    for (;;) {
      items.push(reprValue(cursor));
      cursor.skipSpace();
      if (cursor.peek() === ',') cursor.index += 1;
      else break;
    }
    cursor.expect(']');
  }
  return `[${items.join(', ')}]`;
}

function reprObject(cursor: Cursor): string {
  cursor.expect('{');
  const entries = new Map<string, string>(); // a repeated key keeps its first position and its last value
  cursor.skipSpace();
  if (cursor.peek() === '}') cursor.index += 1;
  else {
    for (;;) {
      cursor.skipSpace();
      const key = parseString(cursor);
      cursor.skipSpace();
      cursor.expect(':');
      entries.set(key, reprValue(cursor));
      cursor.skipSpace();
      if (cursor.peek() === ',') cursor.index += 1;
      else break;
    }
    cursor.expect('}');
  }
  return `{${[...entries].map(([key, value]) => `${pythonStringRepr(key)}: ${value}`).join(', ')}}`;
}

/** `repr(json.loads(text))`; throws `SyntaxError` on text that is not JSON. */
export function pythonReprOfJson(text: string): string {
  const cursor = new Cursor(text);
  const repr = reprValue(cursor);
  cursor.skipSpace();
  if (cursor.index !== text.length) throw new SyntaxError(`extra data at offset ${cursor.index}`);
  return repr;
}

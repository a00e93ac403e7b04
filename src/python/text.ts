/**
 * Python `str` primitives the LCB grader relies on, reproduced on code points (not UTF-16 units):
 * `str.strip()`, `str.split()` with no argument, and `len()`.
 */

/** Code points for which CPython's `str.isspace()` is true (Python 3.11, Unicode 14). */
const PY_WHITESPACE = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
  0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** True when the UTF-16 unit at `index` is Python whitespace (every such code point is in the BMP). */
function isSpaceAt(text: string, index: number): boolean {
  return PY_WHITESPACE.has(text.charCodeAt(index));
}

/** Python's `s.strip()` (no argument): removes leading and trailing `str.isspace()` characters. */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceAt(text, start)) start += 1;
  while (end > start && isSpaceAt(text, end - 1)) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Python's `s.split()` (no argument): runs of whitespace separate, no empty strings. */
export function pySplitWhitespace(text: string): string[] {
  const parts: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i += 1) {
    if (isSpaceAt(text, i)) {
      if (start >= 0) parts.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) parts.push(text.slice(start));
  return parts;
}

/** Python `len(s)`: the number of code points. */
export function pyLen(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // a high surrogate followed by a low one is one code point
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

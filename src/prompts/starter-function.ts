/**
 * The function name of a test-output-prediction problem's starter code, as upstream's
 * `parse_function_name_from_starter_code` finds it with `ast.parse` + `ast.walk` (docs/lcb.md §10).
 *
 * A line scanner stands in for Python's parser: it finds every `def` header (not `async def`, which is not an
 * `ast.FunctionDef`), and reports the one parse error LCB's data is known to trigger, a `def` without a body
 * (docs/lcb.md §18.9), with CPython 3.11's exact message. Upstream asserts there is exactly one function and
 * returns `None` when there is none.
 */
import { type PromptOptions, upstreamCrash } from './types.ts';

interface DefHeader {
  name: string;
  /** 1-based line of `def` */
  line: number;
  /** 0-based index of the line holding the header's closing `:` */
  endIndex: number;
  indent: number;
  /** a statement follows the `:` on the same line (`def f(x): return x`) */
  inlineBody: boolean;
}

const DEF_START = /^([ \t]*)def[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*\(/;

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].length;
}

function isBlank(line: string): boolean {
  return /^[ \t\f]*(#.*)?$/.test(line);
}

/** Scan from the `(` of a header to the `:` that closes it (brackets balanced); null when there is none. */
function headerEnd(
  lines: readonly string[],
  index: number,
  column: number,
): { line: number; column: number } | null {
  let depth = 0;
  for (let line = index; line < lines.length; line += 1) {
    const text = lines[line]!;
    for (let at = line === index ? column : 0; at < text.length; at += 1) {
      const char = text[at]!;
      if (char === '(' || char === '[' || char === '{') depth += 1;
      else if (char === ')' || char === ']' || char === '}') depth -= 1;
      else if (char === ':' && depth === 0) return { line, column: at };
    }
  }
  return null;
}

/** Every `def` header of the code, in source order. */
function findDefHeaders(lines: readonly string[]): DefHeader[] {
  const headers: DefHeader[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const match = DEF_START.exec(lines[index]!);
    if (match === null) continue;
    const end = headerEnd(lines, index, match[0].length - 1);
    if (end === null) continue;
    const rest = lines[end.line]!.slice(end.column + 1);
    headers.push({
      name: match[2]!,
      line: index + 1,
      endIndex: end.line,
      indent: match[1]!.length,
      inlineBody: !isBlank(rest),
    });
    index = end.line;
  }
  return headers;
}

/** The 1-based line CPython blames for a missing body: the next non-blank line, or the last line at EOF. */
function missingBodyLine(lines: readonly string[], header: DefHeader, text: string): number | null {
  if (header.inlineBody) return null;
  const after = lines.slice(header.endIndex + 1);
  const next = after.findIndex((line) => !isBlank(line));
  if (next === -1) {
    const withoutFinalNewline = text.endsWith('\n') ? text.slice(0, -1) : text;
    return withoutFinalNewline.split('\n').length;
  }
  return indentOf(after[next]!) <= header.indent ? header.endIndex + 2 + next : null;
}

/**
 * The name upstream puts in `assert NAME(...) == # TODO`: `"None"` when the starter code defines no function.
 * Under `throw`, raises upstream's `IndentationError` for a body-less `def` and `AssertionError` for two defs.
 */
export function starterFunctionName(starterCode: string, options?: PromptOptions): string {
  const lines = starterCode.split('\n');
  const headers = findDefHeaders(lines);
  for (const header of headers) {
    const blamed = missingBodyLine(lines, header, starterCode);
    if (blamed !== null) {
      upstreamCrash(
        options,
        `IndentationError: expected an indented block after function definition on line ${header.line} (<unknown>, line ${blamed})`,
      );
    }
  }
  if (headers.length > 1) upstreamCrash(options, 'AssertionError: ');
  // ast.walk is breadth-first: the outermost def comes first; recovery keeps it
  const outermost = [...headers].sort((a, b) => a.indent - b.indent || a.line - b.line)[0];
  return outermost?.name ?? 'None';
}

/**
 * The stdout comparison of `testing_util.grade_stdio`: outer `strip()`, split on `"\n"`, strip each line,
 * same line count, then per line exact text or equal lists of `Decimal` tokens. No tolerance.
 */
import { DecimalInvalidOperation, decimalEquals, type PyDecimal, parseDecimal } from '../python/decimal.ts';
import { pySplitWhitespace, pyStrip } from '../python/text.ts';
import { truncatefn } from './truncatefn.ts';

/** Outcome of comparing one test's captured stdout with the expected output. */
export type StdoutVerdict =
  | { ok: true }
  | { ok: false; errorMessage: string }
  /** a signalling NaN was compared: upstream raises out of `grade_stdio` (whole result `[-4]`) */
  | { ok: 'signal'; errorMessage: string };

/** `get_stripped_lines`: outer strip, split on newline, strip each line. */
export function strippedLines(text: string): string[] {
  return pyStrip(text)
    .split('\n')
    .map((line) => pyStrip(line));
}

/** `convert_line_to_decimals`: every whitespace token as a Decimal, or null when one is not a number. */
function lineToDecimals(line: string): PyDecimal[] | null {
  const out: PyDecimal[] = [];
  for (const token of pySplitWhitespace(line)) {
    const value = parseDecimal(token);
    if (value === null) return null;
    out.push(value);
  }
  return out;
}

/** Python list `==` over Decimals: lengths first, then element by element until the first difference. */
function decimalListsEqual(a: PyDecimal[], b: PyDecimal[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    if (!decimalEquals(a[i]!, b[i]!)) return false;
  }
  return true;
}

/** Whether two stripped lines match: identical text, or equal Decimal token lists. */
function linesMatch(predicted: string, expected: string): boolean {
  if (predicted === expected) return true;
  const a = lineToDecimals(predicted);
  if (a === null) return false;
  const b = lineToDecimals(expected);
  if (b === null) return false;
  return decimalListsEqual(a, b);
}

/** Compare captured stdout with the expected output exactly as `grade_stdio` does. */
export function compareStdout(
  prediction: string,
  expected: string,
  options: { signalingNaN?: 'raise' | 'unequal' } = {},
): StdoutVerdict {
  const predictedLines = strippedLines(prediction);
  const expectedLines = strippedLines(expected);
  if (predictedLines.length !== expectedLines.length) {
    return { ok: false, errorMessage: 'Wrong answer: mismatched output length' };
  }
  for (let i = 0; i < predictedLines.length; i += 1) {
    const predicted = predictedLines[i]!;
    const wanted = expectedLines[i]!;
    const errorMessage = `Wrong answer at output_line_idx=${i}: ${truncatefn(predicted)} != ${truncatefn(wanted)}`;
    try {
      if (!linesMatch(predicted, wanted)) return { ok: false, errorMessage };
    } catch (error) {
      if (!(error instanceof DecimalInvalidOperation)) throw error;
      // `--grader fixed`: a signalling NaN is just a token that equals nothing
      if (options.signalingNaN === 'unequal') return { ok: false, errorMessage };
      return { ok: 'signal', errorMessage: error.message };
    }
  }
  return { ok: true };
}

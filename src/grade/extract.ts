/**
 * Answer extraction from raw model output, as `lcb_runner/utils/extraction_utils.py` does it for each
 * model style: `extract_code`, `extract_test_output_code`, `extract_execution_code`. `--grader fixed`
 * repairs two upstream bugs: CodeLLaMa code extraction returning `None`, and `extract_execution_code`
 * cutting a literal that contains `==`.
 */
import type { GraderMode } from '../contracts/grade.ts';
import type { LmStyle } from '../contracts/lm-style.ts';
import { pyStrip } from '../python/text.ts';

function linesBetween(lines: string[], from: number, to: number): string {
  return lines.slice(from + 1, to).join('\n');
}

function indicesWhere(lines: string[], test: (line: string) => boolean): number[] {
  const found: number[] = [];
  lines.forEach((line, i) => {
    if (test(line)) found.push(i);
  });
  return found;
}

/**
 * `extract_code(model_output, lmstyle)`: the text between the last two lines that contain a code fence;
 * `""` with fewer than two; `GenericBase` takes the whole output stripped. In `lcb` mode CodeLLaMa
 * returns null (upstream computes the `[PYTHON]` indices and never returns).
 */
export function extractCode(modelOutput: string, style: LmStyle, mode: GraderMode = 'lcb'): string | null {
  const lines = modelOutput.split('\n');
  if (style === 'GenericBase') return pyStrip(modelOutput);
  if (style === 'CodeLLaMaInstruct') {
    if (mode === 'lcb') return null;
    let marks = indicesWhere(lines, (line) => line.includes('PYTHON]'));
    if (marks.length < 2) marks = indicesWhere(lines, (line) => line.includes('```'));
    return marks.length < 2 ? '' : linesBetween(lines, marks[0]!, marks[1]!);
  }
  const fences = indicesWhere(lines, (line) => line.includes('```'));
  if (fences.length < 2) return '';
  return linesBetween(lines, fences.at(-2)!, fences.at(-1)!);
}

/**
 * `extract_test_output_code(model_output, lmstyle)`: the last line starting with `assert`; else the block
 * opened by the first ```` ```python ```` / ```` ```Python ```` line (or the first fenced block);
 * CodeLLaMa uses `[PYTHON]` tags instead of fences.
 */
export function extractTestOutputCode(modelOutput: string, style?: LmStyle): string {
  const lines = modelOutput.split('\n');
  const asserts = indicesWhere(lines, (line) => line.startsWith('assert'));
  if (asserts.length > 0) return lines[asserts.at(-1)!]!;
  let marks: number[];
  if (style === 'CodeLLaMaInstruct') {
    marks = indicesWhere(lines, (line) => line.includes('PYTHON]'));
  } else {
    const start = lines.findIndex((line) => line.includes('```python') || line.includes('```Python'));
    marks = indicesWhere(lines, (line) => line.includes('```'));
    if (start >= 0) marks = [start, ...marks.filter((i) => i > start)];
  }
  if (marks.length < 2) return '';
  return linesBetween(lines, marks[0]!, marks[1]!);
}

/**
 * `extract_execution_code(model_output, lmstyle, cot)`: with `cot`, the part after the first `[ANSWER]`;
 * then the part between the first and second `==` (`lcb`) or everything after the first `==` (`fixed`);
 * then up to `[/ANSWER]`, or else the first line; stripped.
 */
export function extractExecutionCode(modelOutput: string, cot: boolean, mode: GraderMode = 'lcb'): string {
  let text = modelOutput;
  if (cot && text.includes('[ANSWER]')) text = pyStrip(text.split('[ANSWER]')[1]!);
  if (text.includes('==')) {
    const cut = text.indexOf('==');
    text = pyStrip(mode === 'lcb' ? text.split('==')[1]! : text.slice(cut + 2));
  }
  if (text.includes('[/ANSWER]')) text = pyStrip(text.split('[/ANSWER]')[0]!);
  else text = pyStrip(text.split('\n')[0]!);
  return pyStrip(text);
}

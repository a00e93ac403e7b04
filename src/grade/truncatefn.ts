/** LCB's `testing_util.truncatefn`, which shortens the texts stored in a generation's metadata. */
import { pyLen } from '../python/text.ts';

/** `testing_util.truncatefn`: strings over 300 code points keep the first and last 150. */
export function truncatefn(text: string, length = 300): string {
  if (text.length <= length) return text; // UTF-16 length ≥ code points: short strings are short in both
  if (pyLen(text) <= length) return text;
  const points = Array.from(text);
  const half = Math.floor(length / 2);
  return `${points.slice(0, half).join('')}...(truncated) ...${points.slice(points.length - half).join('')}`;
}

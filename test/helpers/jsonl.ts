/** Test-side reading of small JSON Lines files (journals, references, problem tables) in one call. */
import { readFileSync } from 'node:fs';

/** Every non-blank line of `file`, parsed. */
export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

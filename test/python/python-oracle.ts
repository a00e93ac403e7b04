/**
 * The reference for differential tests: CPython 3.11 itself (`/usr/bin/python3`, Debian's, as CI installs
 * it). A test sends a JSON payload to a small Python program and gets JSON back.
 */
import { execFileSync } from 'node:child_process';

/** Debian's interpreter (never the pyenv one on PATH, which lacks numpy). */
export const PYTHON = '/usr/bin/python3';

/** Run `program` with `payload` (JSON) on stdin; the program prints one JSON value. */
export function runPython<T>(program: string, payload: unknown): T {
  const out = execFileSync(PYTHON, ['-c', program], {
    input: JSON.stringify(payload),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out) as T;
}

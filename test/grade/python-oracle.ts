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

/** A small seeded generator (mulberry32), so random cases are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random element of a list. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

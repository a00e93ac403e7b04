/**
 * The Python driver programs of `src/sandbox/python/lcb/`, as the `source` of a sandbox run: each is the
 * shared wire module (`wire.py`: typed encoding, messages) followed by the driver itself.
 */
import { readFileSync } from 'node:fs';

/** The LCB drivers by job. */
export type DriverName = 'codegen' | 'test_output' | 'execution';

const cache = new Map<DriverName, string>();

function driverFile(name: string): string {
  return readFileSync(new URL(`../sandbox/python/lcb/${name}.py`, import.meta.url), 'utf8');
}

/** The full source of a driver run (read once per process). */
export function driverSource(name: DriverName): string {
  let source = cache.get(name);
  if (source === undefined) {
    source = `${driverFile('wire')}\n\n${driverFile(name)}`;
    cache.set(name, source);
  }
  return source;
}

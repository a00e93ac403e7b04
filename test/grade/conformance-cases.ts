/** The shared conformance corpus, read by kind (`../shared/conformance/lcb-conformance.jsonl`). */
import { readFileSync } from 'node:fs';
import { SHARED } from '../helpers/cli.ts';

/** Every case of one kind, as parsed JSON objects. */
export function conformanceCases<T = Record<string, unknown>>(kind: string): T[] {
  return readFileSync(`${SHARED}conformance/lcb-conformance.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { kind: string })
    .filter((c) => c.kind === kind) as T[];
}

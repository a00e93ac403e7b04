/**
 * Must show: all 800 CRUXEval true outputs pass LCB's code-execution check through the sandbox, and a
 * perturbed version of each (the value changed, written as a Python literal) fails.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { judgeCodeExecution } from '../../src/judge/code-execution.ts';
import { evaluateLiteral } from '../../src/python/literal.ts';
import { pyRepr } from '../../src/python/repr.ts';
import { PyBytes, PyDict, PySet, PyTuple, type PyValue } from '../../src/python/value.ts';
import { SHARED } from '../helpers/cli.ts';
import { sharedSandbox } from '../sandbox/shared-sandbox.ts';

interface CruxRow {
  code: string;
  input: string;
  output: string;
  id: string;
}

/** A different value of the same kind: the near miss a model would write. */
function perturb(value: PyValue): PyValue {
  if (typeof value === 'bigint') return value + 1n;
  if (typeof value === 'number') return Number.isFinite(value) ? value + 1.5 : 0.5;
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') return `${value}_`;
  if (value === null) return 0n;
  if (Array.isArray(value)) return [...value, null];
  if (value instanceof PyTuple) return new PyTuple([...value.items, null]);
  if (value instanceof PyDict) return new PyDict([...value.entries, ['__extra__', 0n]]);
  if (value instanceof PySet) return new PySet([...value.items, '__extra__'], value.frozen);
  if (value instanceof PyBytes) return new PyBytes(Uint8Array.from([...value.bytes, 0x5f]));
  throw new Error(`no perturbation for ${pyRepr(value)}`);
}

describe('CRUXEval (800 real functions) as LCB code execution', () => {
  it('every true output passes and every perturbed output fails', async () => {
    const sandbox = await sharedSandbox();
    const rows = readFileSync(`${SHARED}data/cruxeval/cruxeval.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as CruxRow);
    assert.equal(rows.length, 800);
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        const literal = evaluateLiteral(row.output);
        assert.equal(literal.kind, 'value', row.id);
        const wrong = pyRepr(perturb((literal as { value: PyValue }).value));
        const sample = { code: row.code, input: `f(${row.input})`, output: row.output };
        const outcome = await judgeCodeExecution(sandbox, sample, [row.output, wrong], {
          mode: 'lcb',
          timeoutSeconds: 3,
        });
        if (outcome.kind !== 'verdict') failures.push(`${row.id}: ${outcome.message}`);
        else if (outcome.verdict[0] !== true || outcome.verdict[1] !== false) {
          failures.push(`${row.id}: ${JSON.stringify(outcome.verdict)} for ${row.output} / ${wrong}`);
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    assert.deepEqual(failures, []);
  });
});

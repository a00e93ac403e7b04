// RoPE tables against upstream's RotaryEmbedding run in torch 1.13 (expected/torch.json): the half
// tables [T, d/2] equal both halves of torch's [T, d] cos/sin caches.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { ropeTables } from '../../src/tensor/index.ts';
import { assertClose } from './helpers.ts';

const expected = JSON.parse(readFileSync(new URL('./expected/torch.json', import.meta.url), 'utf8')) as {
  rope: { seq: number; dim: number; theta: number; rows: number[]; cos: number[][]; sin: number[][] }[];
};

for (const table of expected.rope) {
  it(`ropeTables(${table.seq}, ${table.dim}) equals torch's cos/sin caches`, () => {
    const { cos, sin } = ropeTables(table.seq, table.dim, table.theta);
    const half = table.dim / 2;
    assert.equal(cos.length, table.seq * half);
    for (const [i, t] of table.rows.entries()) {
      for (const [name, ours, theirs] of [
        ['cos', cos, table.cos[i]!],
        ['sin', sin, table.sin[i]!],
      ] as const) {
        const row = Array.from(ours.subarray(t * half, (t + 1) * half));
        assertClose(row, theirs.slice(0, half), `${name}[${t}] first half`, { atol: 2e-6, rtol: 0 });
        assertClose(row, theirs.slice(half), `${name}[${t}] second half`, { atol: 2e-6, rtol: 0 });
      }
    }
  });
}

it('ropeTables rejects an odd head dim', () => {
  assert.throws(() => ropeTables(4, 3, 10000), RangeError);
});

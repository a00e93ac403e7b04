import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { it } from 'node:test';
import { UserError } from '../../src/core/errors.ts';
import { inShard, parseShard, shardOf } from '../../src/evaluate/shard.ts';

const IDS = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? `abc${300 + i}_a` : String(2700 + i)));

it('parses i/n and refuses anything else', () => {
  assert.deepEqual(parseShard('2/8'), { index: 2, count: 8 });
  for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/2/3'])
    assert.throws(() => parseShard(bad), UserError, bad);
});

it('puts every problem in exactly one shard, by SHA-256 as Python computes it', () => {
  const script =
    'import hashlib,json,sys\nfor i in json.load(sys.stdin): print(int.from_bytes(hashlib.sha256(i.encode()).digest()[:8], "big") % 5 + 1)';
  const python = execFileSync('/usr/bin/python3', ['-c', script], {
    input: JSON.stringify(IDS),
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .map(Number);
  assert.deepEqual(
    IDS.map((id) => shardOf(id, 5)),
    python,
  );
  for (const id of IDS) {
    const owners = [1, 2, 3, 4, 5].filter((index) => inShard(id, { index, count: 5 }));
    assert.deepEqual(owners, [shardOf(id, 5)]);
  }
  assert.ok(IDS.every((id) => inShard(id, null)));
});

it('splits evenly enough that no shard of 4 gets less than half its share', () => {
  const counts = [0, 0, 0, 0];
  for (const id of IDS) counts[shardOf(id, 4) - 1]! += 1;
  assert.ok(
    counts.every((count) => count > IDS.length / 8),
    counts.join(','),
  );
});

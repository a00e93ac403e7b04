import assert from 'node:assert/strict';
import { it } from 'node:test';
import { HEAP_SOFT_LIMIT_BYTES, shouldCollect, startHeapGovernor } from '../../src/evaluate/heap-governor.ts';

it('collects only above the soft limit and above twice the live size of the last collection', () => {
  const mb = 1024 * 1024;
  assert.equal(shouldCollect(HEAP_SOFT_LIMIT_BYTES - mb, 0), false);
  assert.equal(shouldCollect(HEAP_SOFT_LIMIT_BYTES + mb, 0), true);
  assert.equal(
    shouldCollect(HEAP_SOFT_LIMIT_BYTES + mb, 150 * mb),
    false,
    'live data near the limit: no thrashing',
  );
  assert.equal(shouldCollect(301 * mb, 150 * mb), true);
});

it('starts and stops without keeping the process alive', () => {
  const governor = startHeapGovernor();
  assert.equal(governor.collections(), 0);
  governor.stop();
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDateWindow } from '../../src/report/format.ts';

describe('describeDateWindow', () => {
  it('names each combination of bounds the way the report header shows it', () => {
    assert.equal(describeDateWindow({}), 'all dates');
    assert.equal(describeDateWindow({ start_date: null, end_date: null }), 'all dates');
    assert.equal(describeDateWindow({ start_date: '2024-09-01' }), 'from 2024-09-01');
    assert.equal(describeDateWindow({ end_date: '2025-01-31' }), 'to 2025-01-31');
    assert.equal(
      describeDateWindow({ start_date: '2024-09-01', end_date: '2025-01-31' }),
      '2024-09-01 to 2025-01-31',
    );
  });
});

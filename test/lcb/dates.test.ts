import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isoFromMicros, monthOf, parseDateBound, parseNaiveDateTime } from '../../src/lcb/dates.ts';

it('parses LCB contest dates into isoformat text and exact microseconds', () => {
  assert.deepEqual(parseNaiveDateTime('2025-01-11T18:30:00'), {
    iso: '2025-01-11T18:30:00',
    us: Date.UTC(2025, 0, 11, 18, 30) * 1000,
  });
  assert.deepEqual(parseNaiveDateTime('2024-03-02'), {
    iso: '2024-03-02T00:00:00',
    us: Date.UTC(2024, 2, 2) * 1000,
  });
  assert.equal(parseNaiveDateTime('2024-03-02 07:05')?.iso, '2024-03-02T07:05:00');
  assert.deepEqual(parseNaiveDateTime('2023-08-21T00:00:00.000250'), {
    iso: '2023-08-21T00:00:00.000250',
    us: Date.UTC(2023, 7, 21) * 1000 + 250,
  });
  assert.equal(parseNaiveDateTime('2023-08-21T00:00:00.5')?.iso, '2023-08-21T00:00:00.500000');
});

it('rejects what fromisoformat rejects, and time zones (LCB compares naive datetimes)', () => {
  for (const bad of [
    '2023-02-30',
    '2023-13-01',
    '2023-08-21T24:00:00',
    '21/08/2023',
    '2023-08-21T00:00:00Z',
    '2023-08-21T00:00:00+02:00',
    '',
    'yesterday',
  ]) {
    assert.equal(parseNaiveDateTime(bad), undefined, bad);
  }
});

it('parses --start-date/--end-date bounds at midnight, like strptime("%Y-%m-%d")', () => {
  assert.equal(parseDateBound('2025-01-11'), Date.UTC(2025, 0, 11) * 1000);
  assert.equal(parseDateBound('2025-1-5'), Date.UTC(2025, 0, 5) * 1000);
  assert.equal(parseDateBound('2025-01-11T00:00:00'), undefined);
  assert.equal(parseDateBound('2024-02-30'), undefined);
  assert.equal(parseDateBound('2024-02-29'), Date.UTC(2024, 1, 29) * 1000);
});

it('formats microseconds back as isoformat text and months', () => {
  assert.equal(isoFromMicros(Date.UTC(1999, 11, 31, 23, 59, 59) * 1000 + 1), '1999-12-31T23:59:59.000001');
  assert.equal(isoFromMicros(Date.UTC(1960, 0, 1, 12) * 1000), '1960-01-01T12:00:00');
  assert.equal(monthOf(Date.UTC(2024, 4, 31, 23) * 1000), '2024-05');
});

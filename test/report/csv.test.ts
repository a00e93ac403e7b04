import assert from 'node:assert/strict';
import { it } from 'node:test';
import { csvField } from '../../src/report/csv.ts';

it('quotes CSV fields per RFC 4180 only when needed', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField(0.25), '0.25');
  assert.equal(csvField(null), '');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
});

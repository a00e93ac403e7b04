import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkPromptCase, PromptCase } from '../../src/prompts/conformance.ts';
import { SHARED } from '../helpers/cli.ts';

const CORPUS = join(SHARED, 'conformance', 'lcb-conformance.jsonl');
const cases = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { kind: string })
  .filter((value) => value.kind === 'prompt')
  .map((value) => PromptCase.parse(value));

describe('every prompt case of the LCB conformance corpus', () => {
  it('has the cases the corpus README announces', () => {
    assert.equal(cases.length, 19);
  });
  for (const testCase of cases) {
    it(testCase.id, () => {
      const result = checkPromptCase(testCase);
      assert.deepEqual(result.actual, result.expected);
      assert.equal(result.pass, true);
    });
  }
});

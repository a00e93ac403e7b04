import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LmStyle } from '../../src/contracts/lm-style.ts';
import { extractCode, extractExecutionCode, extractTestOutputCode } from '../../src/grade/extract.ts';
import { conformanceCases } from './conformance-cases.ts';

interface ExtractCase {
  id: string;
  model_output: string;
  lm_style: LmStyle;
  cot?: boolean;
  expected: string | null;
}

describe('extract_code', () => {
  for (const c of conformanceCases<ExtractCase>('extract_code')) {
    it(c.id, () => assert.equal(extractCode(c.model_output, c.lm_style), c.expected));
  }

  it('--grader fixed returns CodeLLaMa code between [PYTHON] tags instead of None', () => {
    assert.equal(extractCode('[PYTHON]\nprint(1)\n[/PYTHON]', 'CodeLLaMaInstruct', 'fixed'), 'print(1)');
    assert.equal(extractCode('[PYTHON]\nprint(1)\n[/PYTHON]', 'CodeLLaMaInstruct', 'lcb'), null);
  });
});

describe('extract_test_output_code', () => {
  for (const c of conformanceCases<ExtractCase>('extract_test_output')) {
    it(c.id, () => assert.equal(extractTestOutputCode(c.model_output, c.lm_style), c.expected));
  }
});

describe('extract_execution_code', () => {
  for (const c of conformanceCases<ExtractCase>('extract_execution')) {
    it(c.id, () => assert.equal(extractExecutionCode(c.model_output, c.cot ?? false), c.expected));
  }

  it('--grader fixed keeps a literal that contains ==', () => {
    assert.equal(extractExecutionCode("assert f(1) == 'a==b'\n[/ANSWER]", false, 'fixed'), "'a==b'");
    assert.equal(extractExecutionCode("assert f(1) == 'a==b'\n[/ANSWER]", false, 'lcb'), "'a");
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { it } from 'node:test';
import { lcbMetadataJson } from '../../src/evaluate/judge-grading.ts';

it("stores metadata as LCB does: Python's json.dumps of the dict, key order kept", () => {
  const dicts: Record<string, string | number>[] = [
    { 'execution time': 0.0001308917999267578 },
    { 'execution time': 2 },
    {
      output: 'é ✓ "q" \\ \n\t\u007f\u0001',
      inputs: '😀',
      expected: '3',
      error_code: -2,
      error_message: 'Wrong answer at output_line_idx=0: é != 3',
    },
    {
      error: "ValueError('x')",
      error_code: -4,
      error_message: 'Runtime Error',
      inputs: '[1, 2]',
      expected: '3',
    },
    { error_code: -4, error_message: "Error during testing: '(' was never closed (<string>, line 1)" },
  ];
  // CPython rebuilds each dict with the same key order and value types (execution time is a float)
  const script = [
    'import json,sys',
    'for d in json.load(sys.stdin):',
    '    if "execution time" in d: d["execution time"] = float(d["execution time"])',
    '    print(json.dumps(json.dumps(d)))',
  ].join('\n');
  const expected = execFileSync('/usr/bin/python3', ['-c', script], {
    input: JSON.stringify(dicts),
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as string);
  assert.deepEqual(dicts.map(lcbMetadataJson), expected);
});

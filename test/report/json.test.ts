import assert from 'node:assert/strict';
import { it } from 'node:test';
import { JournalRow } from '../../src/contracts/journal.ts';
import { lcbFileStem, lcbResults } from '../../src/report/json.ts';
import { runPython } from '../python/python-oracle.ts';

it("names result files as LCB's path_utils does (Python float text, self-repair n=1, _cot)", () => {
  const temperatures = [0.2, 0, 1, 0.7, 1e-7, 0.05];
  const python = runPython<string[]>(
    'import json,sys\nprint(json.dumps([str(float(t)) for t in json.load(sys.stdin)]))',
    temperatures,
  );
  assert.deepEqual(
    temperatures.map((t) => lcbFileStem('codegeneration', 10, t, false)),
    python.map((text) => `Scenario.codegeneration_10_${text}`),
  );
  assert.equal(lcbFileStem('codegeneration', 10, 0.2, false), 'Scenario.codegeneration_10_0.2');
  assert.equal(lcbFileStem('selfrepair', 10, 0.2, false), 'Scenario.selfrepair_1_0.2');
  assert.equal(lcbFileStem('codeexecution', 5, 0, true), 'Scenario.codeexecution_5_0.0_cot');
  assert.equal(lcbFileStem('testoutputprediction', 5, 0, true), 'Scenario.testoutputprediction_5_0.0');
});

it("builds code execution's result lists from journal rows as evaluate_score does", () => {
  const row = (sample: number, passed: boolean, skipped: boolean): JournalRow =>
    JournalRow.parse({
      scenario: 'codeexecution',
      problem_id: 'sample_0',
      sample,
      status: 'graded',
      output: '',
      extracted: '',
      passed,
      results: [passed],
      metadata: null,
      skipped,
      generate_ms: 0,
      grade_ms: 0,
    });
  const partly = [row(0, true, false), row(1, false, true), row(2, false, false)];
  assert.deepEqual(lcbResults('codeexecution', partly), [[true], [false]]);
  const all = [row(0, false, true), row(1, false, true), row(2, false, true)];
  assert.deepEqual(lcbResults('codeexecution', all), [[false], [false], [false]]);
  assert.deepEqual(lcbResults('codegeneration', [{ ...row(0, true, false), results: [true, -2] }]), [
    [true, -2],
  ]);
});

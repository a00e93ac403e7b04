import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { it } from 'node:test';
import { evalFile, lcbFileStem, pythonFloatText } from '../../src/report/json.ts';

it("names result files as LCB's path_utils does (Python float text, self-repair n=1, _cot)", () => {
  const temperatures = [0.2, 0, 1, 0.7, 1e-7, 0.05];
  const python = execFileSync(
    '/usr/bin/python3',
    ['-c', 'import json,sys\nfor t in json.load(sys.stdin): print(str(float(t)))'],
    {
      input: JSON.stringify(temperatures),
      encoding: 'utf8',
    },
  )
    .trim()
    .split('\n');
  assert.deepEqual(temperatures.map(pythonFloatText), python);
  assert.equal(lcbFileStem('codegeneration', 10, 0.2, false), 'Scenario.codegeneration_10_0.2');
  assert.equal(lcbFileStem('selfrepair', 10, 0.2, false), 'Scenario.selfrepair_1_0.2');
  assert.equal(lcbFileStem('codeexecution', 5, 0, true), 'Scenario.codeexecution_5_0.0_cot');
  assert.equal(lcbFileStem('testoutputprediction', 5, 0, true), 'Scenario.testoutputprediction_5_0.0');
});

it("writes code execution's _eval.json as compute_code_execution_metrics: pass@1 in percent", () => {
  const results = { '0': [[true], [false], [true]], '1': [[false]], '2': [[true], [true]] };
  const [metrics, echoed] = evalFile('codeexecution', results, []) as [{ 'pass@1': number }, unknown];
  const script =
    'import json,sys,numpy as np\nr=json.load(sys.stdin)\np=[]\nfor k in r:\n  x=[v[0] for v in r[k]]\n  n,c=len(x),x.count(True)\n  p.append(1.0 if n-c<1 else 1.0-np.prod(1.0-1/np.arange(n-c+1,n+1)))\nprint(repr(sum(p)/len(p)*100))';
  const python = Number(
    execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(results), encoding: 'utf8' }),
  );
  assert.equal(metrics['pass@1'], python);
  assert.deepEqual(echoed, results);
});

it('writes [metrics, results] for test output (k 1 and 5) and adds metadata for code generation', () => {
  const results = { '0': Array.from({ length: 5 }, (_, i) => [i < 2]) };
  const top = evalFile('testoutputprediction', results, []) as [Record<string, unknown>, unknown];
  assert.equal(top.length, 2);
  assert.deepEqual(Object.keys(top[0]), ['pass@1', 'pass@5', 'detail']);
  const gen = evalFile('codegeneration', results, [['{}', '{}', '{}', '{}', '{}']]);
  assert.equal(gen.length, 3);
  assert.deepEqual(gen[2], [['{}', '{}', '{}', '{}', '{}']]);
});

/**
 * Must show: every reference solution of the embedded sample passes all its tests and each wrong variant
 * fails; the true outputs of its test-output and code-execution rows pass and the wrong ones fail.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeCodeExecution } from '../../src/judge/code-execution.ts';
import { judgeGeneration } from '../../src/judge/codegen.ts';
import { judgeTestOutputs } from '../../src/judge/test-output.ts';
import {
  codeGenerationSample,
  loadCodeExecution,
  loadCodeGeneration,
  loadReferences,
  loadTestOutputPrediction,
} from '../../src/lcb/index.ts';
import { sharedSandbox } from '../sandbox/shared-sandbox.ts';

const lcb = { mode: 'lcb' as const, timeoutSeconds: 6 };

describe('embedded sample through the sandbox', () => {
  it('code generation: every reference passes every test, every wrong variant fails one', async () => {
    const sandbox = await sharedSandbox();
    const references = await loadReferences('sample');
    const problems = await loadCodeGeneration('sample');
    assert.ok(problems.length >= 40);
    await Promise.all(
      problems.map(async (problem) => {
        const reference = references.codeGeneration.get(problem.question_id);
        assert.ok(reference, `reference for ${problem.question_id}`);
        const sample = codeGenerationSample(problem);
        const tests = { fnName: sample.fn_name, inputs: sample.inputs, outputs: sample.outputs };
        const right = await judgeGeneration(sandbox, tests, reference.solution, lcb);
        assert.equal(right.kind, 'verdict');
        if (right.kind === 'verdict') {
          assert.deepEqual(
            right.verdict.results,
            sample.inputs.map(() => true),
            `${problem.question_id}: ${JSON.stringify(right.verdict.metadata)}`,
          );
        }
        const wrong = await judgeGeneration(sandbox, tests, reference.wrong_solution, lcb);
        assert.ok(
          wrong.kind === 'verdict' && wrong.verdict.results.some((r) => r !== true),
          `${problem.question_id} wrong variant`,
        );
      }),
    );
  });

  it('test output prediction: true outputs pass, wrong outputs fail', async () => {
    const sandbox = await sharedSandbox();
    const references = await loadReferences('sample');
    const { problems } = await loadTestOutputPrediction('sample');
    const items = problems.flatMap((problem) => {
      const reference = references.testOutputPrediction.get(`${problem.question_id}/${problem.test_id}`)!;
      const call = `${problem.function_name}(...)`;
      return [
        { prediction: `assert ${call} == ${reference.output}`, expectedOutput: problem.test[0]!.output },
        {
          prediction: `assert ${call} == ${reference.wrong_output}`,
          expectedOutput: problem.test[0]!.output,
        },
      ];
    });
    const outcome = await judgeTestOutputs(sandbox, items, lcb);
    assert.equal(outcome.kind, 'verdict');
    if (outcome.kind === 'verdict')
      assert.deepEqual(
        outcome.verdict,
        items.map((_, i) => i % 2 === 0),
      );
  });

  it('code execution: true outputs pass, wrong outputs fail', async () => {
    const sandbox = await sharedSandbox();
    const references = await loadReferences('sample');
    const { problems } = await loadCodeExecution('sample');
    await Promise.all(
      problems.map(async (problem) => {
        const reference = references.codeExecution.get(problem.id)!;
        const outcome = await judgeCodeExecution(
          sandbox,
          problem,
          [reference.output, reference.wrong_output],
          {
            mode: 'lcb',
            timeoutSeconds: 3,
          },
        );
        assert.ok(outcome.kind === 'verdict');
        assert.deepEqual(outcome.verdict, [true, false], problem.id);
      }),
    );
  });
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SELF_REPAIR_SYSTEM_MESSAGE } from '../../src/prompts/constants.ts';
import { selfRepairFeedback, selfRepairPrompt } from '../../src/prompts/self-repair.ts';
import type { ChatMessage } from '../../src/prompts/types.ts';
import { UpstreamPromptError } from '../../src/prompts/types.ts';

const compileError = JSON.stringify({
  error_code: -4,
  error_message: "Error during testing: '(' was never closed (<string>, line 1)",
});
const runnerError = JSON.stringify({
  error: "IndexError('list index out of range')",
  error_code: -5,
  error_message: 'TestRunnerError',
});

it('feedback for each error code LCB handles follows get_check_prompt', () => {
  const wrong = JSON.stringify({ output: '7', inputs: '3 4', expected: '12', error_code: -2 });
  assert.equal(
    selfRepairFeedback(wrong),
    'The above code is incorrect and got a wrong answer.\nInput: 3 4\nGenerated Output: 7\nExpected: 12',
  );
  const tle = JSON.stringify({ error: 'TimeoutException()', error_code: -3, inputs: '9', expected: '1' });
  assert.equal(
    selfRepairFeedback(tle),
    'The above code is incorrect and got time limit exceeded.\nTimeoutException()\nInput: 9\nExpected: 1',
  );
  assert.equal(selfRepairFeedback(JSON.stringify({ 'execution time': 0.1 })), '');
});

it('recovers from a compile/harness -4 (upstream KeyError) by showing the grader message', () => {
  assert.equal(
    selfRepairFeedback(compileError),
    "The above code is incorrect and got a runtime error.\nError during testing: '(' was never closed (<string>, line 1)",
  );
  assert.throws(
    () => selfRepairFeedback(compileError, { onUpstreamCrash: 'throw' }),
    (error: unknown) => error instanceof UpstreamPromptError && error.pythonError === "KeyError: 'inputs'",
  );
});

it('recovers from -5 (upstream NotImplementedError) as a runtime error carrying the error', () => {
  assert.equal(
    selfRepairFeedback(runnerError),
    "The above code is incorrect and got a runtime error.\nIndexError('list index out of range')",
  );
});

it('returns no prompt for a passing generation', () => {
  assert.equal(
    selfRepairPrompt({ question_content: 'q', code: 'c', result: true, metadata: '{}' }, 'OpenAIChat'),
    null,
  );
});

it('puts system and user text into one message for styles without a system role', () => {
  const input = { question_content: 'Q', code: 'print(1)', result: false, metadata: runnerError };
  const chat = selfRepairPrompt(input, 'OpenAIChat') as readonly ChatMessage[];
  const single = selfRepairPrompt(input, 'OpenAIReasonPreview') as readonly ChatMessage[];
  assert.equal(single.length, 1);
  assert.equal(single[0]!.role, 'user');
  assert.equal(single[0]!.content, `${chat[0]!.content}\n\n${chat[1]!.content}`);
});

it('gives base models one completion string: system text, newline, the question template', () => {
  const input = { question_content: 'Q', code: 'print(1)', result: false, metadata: runnerError };
  const text = selfRepairPrompt(input, 'GenericBase');
  assert.equal(typeof text, 'string');
  assert.ok((text as string).startsWith(`${SELF_REPAIR_SYSTEM_MESSAGE}\n### Question:\nQ\n\n### Answer:\n`));
  assert.ok((text as string).endsWith('### Answer: (use the provided format with backticks)\n\n'));
});

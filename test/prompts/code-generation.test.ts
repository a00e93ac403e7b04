import assert from 'node:assert/strict';
import { it } from 'node:test';
import { codeGenerationPrompt } from '../../src/prompts/code-generation.ts';
import { CODEGEN_FORMAT_OAIREASON_MAIN, CODEGEN_SYSTEM_MESSAGE } from '../../src/prompts/constants.ts';
import { parsePromptStyle, promptAsText } from '../../src/prompts/style.ts';
import type { ChatMessage } from '../../src/prompts/types.ts';

const stdinProblem = { question_content: 'Read N, print N+1.', starter_code: '' };
const leetProblem = {
  question_content: 'Return x.',
  starter_code: 'class Solution:\n    def f(self, x):\n        ',
};

it('OpenAIChat sends the system message and the generic question template', () => {
  assert.deepEqual(codeGenerationPrompt(stdinProblem, 'OpenAIChat'), [
    { role: 'system', content: CODEGEN_SYSTEM_MESSAGE },
    {
      role: 'user',
      content:
        '### Question:\nRead N, print N+1.\n\n### Format: Read the inputs from stdin solve the problem and write the answer to stdout (do not directly test on the sample inputs). Enclose your code within delimiters as follows. Ensure that when the python program runs, it reads the inputs, runs the algorithm and writes output to STDOUT.\n```python\n# YOUR CODE HERE\n```\n\n### Answer: (use the provided format with backticks)\n\n',
    },
  ]);
});

it('single-message styles join system and user text with a blank line', () => {
  const chat = codeGenerationPrompt(leetProblem, 'OpenAIChat') as readonly ChatMessage[];
  assert.deepEqual(codeGenerationPrompt(leetProblem, 'OpenAIReasonPreview'), [
    { role: 'user', content: `${chat[0]!.content}\n\n${chat[1]!.content}` },
  ]);
});

it('OpenAIReason asks stdin programs for a main() and keeps the starter-code format otherwise', () => {
  const [message] = codeGenerationPrompt(stdinProblem, 'OpenAIReason') as readonly ChatMessage[];
  assert.ok(message!.content.includes(`### Format: ${CODEGEN_FORMAT_OAIREASON_MAIN}\n`));
  const preview = codeGenerationPrompt(leetProblem, 'OpenAIReasonPreview');
  assert.deepEqual(codeGenerationPrompt(leetProblem, 'OpenAIReason'), preview);
});

it('GenericBase ends with the problem and an empty answer, shown starter code only for functional problems', () => {
  const functional = codeGenerationPrompt(leetProblem, 'GenericBase') as string;
  assert.ok(
    functional.endsWith(
      `### Question\nReturn x.\n\n### Starter Code\n${leetProblem.starter_code}\n\n### Answer\n\n`,
    ),
  );
  const stdin = codeGenerationPrompt(stdinProblem, 'GenericBase') as string;
  assert.ok(stdin.endsWith('### Question\nRead N, print N+1.\n\n### Answer\n\n'));
  assert.ok(!stdin.includes('### Starter Code'));
});

it('accepts LCB style names and short aliases, and renders prompts as text', () => {
  assert.equal(parsePromptStyle('chat'), 'OpenAIChat');
  assert.equal(parsePromptStyle('GenericBase'), 'GenericBase');
  assert.equal(parsePromptStyle('Claude3'), undefined);
  assert.equal(promptAsText([{ role: 'user', content: 'hi' }]), '[user]\nhi');
});

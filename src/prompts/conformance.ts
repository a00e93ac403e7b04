/**
 * The `prompt` kind of the LCB conformance corpus (`../shared/conformance/README.md`): build the prompt (or
 * reproduce upstream's exception) for one case and compare it with what upstream returned, byte for byte.
 * `hrm-lcb conformance` calls `checkPromptCase` for every line whose `kind` is `prompt`.
 */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { LcbScenario } from '../contracts/lcb-problem.ts';
import { codeExecutionPrompt } from './code-execution.ts';
import { codeGenerationPrompt } from './code-generation.ts';
import { selfRepairPrompt } from './self-repair.ts';
import { parsePromptStyle } from './style.ts';
import { testOutputPrompt } from './test-output.ts';
import { type Prompt, type PromptOptions, type PromptStyle, UpstreamPromptError } from './types.ts';

const ChatMessageSchema = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });

/** One `prompt` case as the corpus stores it. */
export const PromptCase = z.object({
  id: z.string(),
  kind: z.literal('prompt'),
  scenario: LcbScenario,
  lm_style: z.string(),
  input: z.record(z.string(), z.unknown()),
  expected: z.union([z.string(), z.array(ChatMessageSchema), z.null()]),
  expected_error: z.string().nullable().optional(),
  cot: z.boolean().optional(),
});
/** A parsed `prompt` case. */
export type PromptCase = z.infer<typeof PromptCase>;

const CodeGenerationInput = z.object({ question_content: z.string(), starter_code: z.string() });
const SelfRepairInput = z.object({
  question_content: z.string(),
  code: z.string(),
  result: z.boolean(),
  metadata: z.string(),
});
const TestOutputInput = z.object({
  question_content: z.string(),
  starter_code: z.string(),
  test: z.string(),
});
const CodeExecutionInput = z.object({ code: z.string(), input: z.string() });
const FirstTest = z.array(z.object({ input: z.string() })).min(1);

/** What upstream returned for a case: a prompt, or the text of the exception it raised. */
export type PromptOutcome = { prompt: Prompt | string } | { error: string };

/** Our result for one case, in upstream's terms (a passing self-repair generation is `""`). */
export function promptCaseOutcome(testCase: PromptCase): PromptOutcome {
  const style = parsePromptStyle(testCase.lm_style);
  if (style === undefined) return { error: `hrm-lcb has no prompt style ${testCase.lm_style}` };
  const options: PromptOptions = { onUpstreamCrash: 'throw' };
  try {
    return { prompt: buildForCase(testCase, style, options) };
  } catch (error) {
    if (error instanceof UpstreamPromptError) return { error: error.pythonError };
    throw error;
  }
}

function buildForCase(testCase: PromptCase, style: PromptStyle, options: PromptOptions): Prompt | string {
  switch (testCase.scenario) {
    case 'codegeneration':
      return codeGenerationPrompt(CodeGenerationInput.parse(testCase.input), style);
    case 'selfrepair':
      return selfRepairPrompt(SelfRepairInput.parse(testCase.input), style, options) ?? '';
    case 'testoutputprediction': {
      const row = TestOutputInput.parse(testCase.input);
      const input = FirstTest.parse(JSON.parse(row.test))[0]!.input;
      return testOutputPrompt({ ...row, input }, style, options);
    }
    case 'codeexecution':
      return codeExecutionPrompt(
        CodeExecutionInput.parse(testCase.input),
        style,
        testCase.cot ?? false,
        options,
      );
  }
}

/** The verdict on one case: `pass`, or what we produced against what upstream expects. */
export interface PromptCaseResult {
  id: string;
  pass: boolean;
  expected: PromptOutcome;
  actual: PromptOutcome;
}

function expectedOutcome(testCase: PromptCase): PromptOutcome {
  if (testCase.expected_error !== undefined && testCase.expected_error !== null) {
    return { error: testCase.expected_error };
  }
  return { prompt: testCase.expected ?? '' };
}

/** Check one `prompt` case (already validated with `PromptCase`). */
export function checkPromptCase(testCase: PromptCase): PromptCaseResult {
  const expected = expectedOutcome(testCase);
  const actual = promptCaseOutcome(testCase);
  return { id: testCase.id, pass: isDeepStrictEqual(actual, expected), expected, actual };
}

/**
 * Self-repair prompts: upstream `lcb_runner/prompts/self_repair.py` (`get_check_prompt`,
 * `get_generic_question_template_answer`, `format_prompt_self_repair`; docs/lcb.md §9).
 *
 * Where upstream raises (feedback for metadata that lacks a key its template reads, an unknown error code,
 * or a style its `elif` chain does not handle) the `recover` policy builds the prompt documented in
 * docs/evaluate.md instead; `throw` reproduces upstream's exception text.
 */

import { pyEquals } from '../python/equals.ts';
import { pyJsonLoads } from '../python/json-loads.ts';
import { pyRepr, pyStr } from '../python/repr.ts';
import { PyDict, type PyValue } from '../python/value.ts';
import {
  ANSWER_LINE,
  MISSING_STYLE_ERROR,
  SELF_REPAIR_FORMAT,
  SELF_REPAIR_FORMAT_REPEAT,
  SELF_REPAIR_SYSTEM_MESSAGE,
  YOUR_CODE_HERE_BLOCK,
} from './constants.ts';
import { chatPrompt } from './style.ts';
import { type Prompt, type PromptOptions, type PromptStyle, upstreamCrash } from './types.ts';

/** What a self-repair prompt is built from: one graded generation of a code-generation run. */
export interface SelfRepairPromptInput {
  readonly question_content: string;
  /** the extracted code that was graded (`code_list[i]`) */
  readonly code: string;
  /** whether it passed (`graded_list[i]`); a passing generation gets no prompt */
  readonly result: boolean;
  /** the grader's metadata JSON string (`metadata[i]` of `_eval_all.json`) */
  readonly metadata: string;
}

/** The metadata dict's string keys and their values (`json.loads(metadata)`, int and float kept apart). */
type Metadata = ReadonlyMap<string, PyValue>;

function metadataFields(dict: PyValue): Metadata {
  const fields = new Map<string, PyValue>();
  if (dict instanceof PyDict)
    for (const [key, value] of dict.entries) if (typeof key === 'string') fields.set(key, value);
  return fields;
}

/** One template line: literal text and the metadata keys it interpolates, in upstream's evaluation order. */
type TemplateLine = readonly (string | { key: string })[];

/** `get_check_prompt`'s branches, by the `error_code` each compares with (`==`, so `-2.0` matches `-2`). */
const FEEDBACK_TEMPLATES: Readonly<Record<number, readonly TemplateLine[]>> = {
  [-1]: [['The above code is incorrect and got the following compilation error.'], [{ key: 'error' }]],
  [-2]: [
    ['The above code is incorrect and got a wrong answer.'],
    ['Input: ', { key: 'inputs' }],
    ['Generated Output: ', { key: 'output' }],
    ['Expected: ', { key: 'expected' }],
  ],
  [-3]: [
    ['The above code is incorrect and got time limit exceeded.'],
    [{ key: 'error' }],
    ['Input: ', { key: 'inputs' }],
    ['Expected: ', { key: 'expected' }],
  ],
  [-4]: [
    ['The above code is incorrect and got a runtime error.'],
    ['Input: ', { key: 'inputs' }],
    ['Expected: ', { key: 'expected' }],
    [{ key: 'error' }],
  ],
};

/** Recovery for an error code upstream does not handle (`-5`, the grading child died): a runtime error. */
const UNKNOWN_CODE_TEMPLATE: readonly TemplateLine[] = [
  ['The above code is incorrect and got a runtime error.'],
  [{ key: 'error' }],
];

/**
 * Fill a template. Upstream raises `KeyError` on the first missing key; recovery drops each line whose key is
 * missing and, when that drops every detail, adds the grader's `error_message` so the model still sees why.
 */
function fillTemplate(
  template: readonly TemplateLine[],
  metadata: Metadata,
  options?: PromptOptions,
): string {
  const lines: string[] = [];
  let dropped = false;
  for (const line of template) {
    const missing = line.find((part) => typeof part !== 'string' && !metadata.has(part.key));
    if (missing !== undefined && typeof missing !== 'string') {
      upstreamCrash(options, `KeyError: '${missing.key}'`);
      dropped = true;
      continue;
    }
    lines.push(
      line.map((part) => (typeof part === 'string' ? part : pyStr(metadata.get(part.key)!))).join(''),
    );
  }
  const errorMessage = metadata.get('error_message');
  if (dropped && lines.length === 1 && typeof errorMessage === 'string') lines.push(errorMessage);
  return lines.join('\n');
}

/** `get_check_prompt`: the feedback paragraph for one graded generation (`""` when it carries no error). */
export function selfRepairFeedback(metadataJson: string, options?: PromptOptions): string {
  const dict = pyJsonLoads(metadataJson);
  const metadata = metadataFields(dict);
  const code = metadata.get('error_code');
  if (code === undefined) return '';
  const branch = Object.keys(FEEDBACK_TEMPLATES).find((key) => pyEquals(code, BigInt(key)));
  if (branch !== undefined) return fillTemplate(FEEDBACK_TEMPLATES[Number(branch)]!, metadata, options);
  upstreamCrash(
    options,
    `NotImplementedError: metadata['error_code'] = ${pyStr(code)} not implemented || metadata=${pyRepr(dict)}`,
  );
  return fillTemplate(UNKNOWN_CODE_TEMPLATE, metadata, options);
}

/** `get_generic_question_template_answer` of self_repair.py: no starter code is shown, even for LeetCode. */
function questionTemplate(input: SelfRepairPromptInput, options?: PromptOptions): string {
  let prompt = `### Question:\n${input.question_content}\n\n`;
  prompt += `### Answer:\n\`\`\`python\n${input.code}\n\`\`\`\n\n`;
  prompt += `${selfRepairFeedback(input.metadata, options)}\n`;
  prompt += `### Format: ${SELF_REPAIR_FORMAT}\n`;
  return prompt + YOUR_CODE_HERE_BLOCK + ANSWER_LINE;
}

/**
 * The self-repair prompt for one graded generation (`format_prompt_self_repair`), or `null` when it passed
 * (upstream returns `""` and reuses the original output).
 */
export function selfRepairPrompt(
  input: SelfRepairPromptInput,
  style: PromptStyle,
  options?: PromptOptions,
): Prompt | null {
  if (input.result) return null;
  if (style !== 'OpenAIChat') upstreamCrash(options, MISSING_STYLE_ERROR);
  if (style === 'GenericBase') {
    // upstream's completion styles (StarCoderInstruct, Gemini): system text, newline, the question template
    return `${SELF_REPAIR_SYSTEM_MESSAGE}\n${questionTemplate(input, options)}`;
  }
  const user = `${questionTemplate(input, options)}\n\n${SELF_REPAIR_FORMAT_REPEAT}`;
  return chatPrompt(style, SELF_REPAIR_SYSTEM_MESSAGE, user);
}

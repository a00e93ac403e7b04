/**
 * `oracle`: answers every problem correctly, written the way a model of the prompt style would write it, so
 * that the whole pipeline (prompt, extraction, grading, scoring) can be checked end to end: on the embedded
 * sample the oracle must score 100% in every scenario. The answers (reference solutions, true outputs) come
 * from a lookup the caller builds from the dataset.
 */
import type { LcbScenario } from '../contracts/lcb-problem.ts';
import type { PromptStyle } from '../prompts/index.ts';
import { pyJsonLoads } from '../python/json-loads.ts';
import { pyRepr } from '../python/repr.ts';
import { ModelError } from './errors.ts';
import type { GenerationRequest, GenerationResult, Model } from './types.ts';

/** The correct answer to one problem. */
export type OracleAnswer =
  /** code generation and self-repair: a reference solution */
  | { kind: 'code'; code: string }
  /** test output prediction: the call's arguments (one JSON value per line) and the true output (a Python literal) */
  | { kind: 'test-output'; functionName: string; input: string; output: string }
  /** code execution: the call and its true output (a Python literal) */
  | { kind: 'execution'; input: string; output: string };

/** A Python literal equal to a JSON value (`true` → `True`), for outputs that come as JSON text. */
export function pythonLiteralOfJson(json: string): string {
  return pyRepr(pyJsonLoads(json));
}

/** Finds the answer to a problem; `undefined` when the dataset has none (e.g. no reference solution). */
export type OracleLookup = (scenario: LcbScenario, problemId: string) => OracleAnswer | undefined;

/** The text a model of `style` would answer with, from which LCB's extraction recovers the answer exactly. */
export function oracleText(answer: OracleAnswer, style: PromptStyle): string {
  switch (answer.kind) {
    case 'code':
      // GenericBase extraction keeps the whole (stripped) output; chat extraction takes the last fenced block
      return style === 'GenericBase' ? answer.code : `\`\`\`python\n${answer.code}\n\`\`\``;
    case 'test-output': {
      const args = answer.input.split('\n').join(', ');
      return `\`\`\`python\nassert ${answer.functionName}(${args}) == ${answer.output}\n\`\`\``;
    }
    case 'execution':
      // works for the direct prompt (which already opened [ANSWER]) and for CoT (which reads after [ANSWER])
      return `[ANSWER]\nassert ${answer.input} == ${answer.output}\n[/ANSWER]`;
  }
}

/** The oracle back-end. */
export class OracleModel implements Model {
  readonly id = 'oracle';
  readonly kind = 'table' as const;
  constructor(private readonly lookup: OracleLookup) {}

  async generate(request: GenerationRequest): Promise<GenerationResult> {
    const answer = this.lookup(request.scenario, request.problemId);
    if (answer === undefined) {
      throw new ModelError(
        'no-answer',
        `the oracle has no answer for ${request.scenario} ${request.problemId}`,
      );
    }
    const text = oracleText(answer, request.style);
    return {
      outputs: Array.from({ length: request.sampling.n }, () => text),
      cached: false,
      latencyMs: 0,
      attempts: 1,
    };
  }

  async close(): Promise<void> {}
}

/**
 * Runs a conformance file (`../shared/conformance/` schema) through our implementation: each line is
 * validated by its kind's schema, checked by that kind's handler, and compared with what the official
 * LiveCodeBench code returned. Handlers come in a table keyed by kind, so the caller adds kinds from
 * other rooms (the prompt builders) and a kind without a handler is reported as not implemented.
 */
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import {
  CodeExecutionCase,
  CodeExecutionListCase,
  CodegenCase,
  ConformanceLine,
  DecodePrivateTestsCase,
  ExtractCodeCase,
  ExtractExecutionCase,
  ExtractTestOutputCase,
  MetricsCase,
  PassAtKCase,
  TestOutputCase,
} from '../contracts/grade-conformance.ts';
import { InputError } from '../core/errors.ts';
import { readJsonl } from '../core/jsonl.ts';
import { firstIssue } from '../core/zod-issues.ts';
import { extractCode, extractExecutionCode, extractTestOutputCode } from '../grade/extract.ts';
import { computeMetricsFromResults, passAtK } from '../grade/pass-at-k.ts';
import { decodePrivateTestCases, TestCaseDecodeError } from '../lcb/test-cases.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { judgeCodeExecution, judgeExecutionPredictions } from './code-execution.ts';
import { type JudgeOptions, judgeGeneration } from './codegen.ts';
import { judgeTestOutputs } from './test-output.ts';

/** How one case came out. `scope: 'message'` marks a codegen case right in everything but error texts. */
export interface CaseCheck {
  pass: boolean;
  expected: unknown;
  actual: unknown;
  scope?: 'message';
}

/** What a handler may use. */
export interface ConformanceContext {
  /** the sandbox, for kinds that run Python */
  sandbox: Sandbox;
}

/** Checks one kind: validates the raw line with `schema`, then compares with upstream's value. */
export interface ConformanceHandler<S extends z.ZodType = z.ZodType> {
  schema: S;
  check(testCase: z.output<S>, context: ConformanceContext): Promise<CaseCheck> | CaseCheck;
}

/** Declare a handler (a function only so the case type follows the schema). */
export function conformanceHandler<S extends z.ZodType>(
  handler: ConformanceHandler<S>,
): ConformanceHandler<S> {
  return handler;
}

/** The outcome of one line. */
export interface CaseReport extends Partial<CaseCheck> {
  id: string;
  kind: string;
  line: number;
  status: 'pass' | 'mismatch' | 'not-implemented' | 'error';
  /** for `error`: why our side could not produce a value (e.g. a sandbox infrastructure error) */
  error?: string;
}

const compare = (expected: unknown, actual: unknown): CaseCheck => ({
  pass: isDeepStrictEqual(expected, actual),
  expected,
  actual,
});

/** Sandbox failures are not verdicts: they surface as an `error` line, never as a pass or mismatch. */
class ConformanceInfraError extends Error {}

function unwrap<T>(
  outcome: { kind: 'verdict'; verdict: T } | { kind: 'infrastructure-error'; message: string },
): T {
  if (outcome.kind === 'infrastructure-error') throw new ConformanceInfraError(outcome.message);
  return outcome.verdict;
}

const lcb = (timeoutSeconds: number): JudgeOptions => ({ mode: 'lcb', timeoutSeconds });

/** Execution time is the one value allowed to differ: it must exist and be a number ≥ 0. */
function withoutTime(metadata: Record<string, unknown>): Record<string, unknown> {
  const { 'execution time': _, ...rest } = metadata;
  return rest;
}

function checkCodegen(
  testCase: z.output<typeof CodegenCase>,
  actual: { results: unknown; metadata: Record<string, unknown> },
): CaseCheck {
  const expected = { results: testCase.expected_results, metadata: testCase.expected_metadata };
  const timeOk =
    !('execution time' in testCase.expected_metadata) ||
    (typeof actual.metadata['execution time'] === 'number' && actual.metadata['execution time'] >= 0);
  const same =
    timeOk &&
    isDeepStrictEqual(testCase.expected_results, actual.results) &&
    isDeepStrictEqual(withoutTime(testCase.expected_metadata), withoutTime(actual.metadata));
  if (same) return { pass: true, expected, actual };
  const { error: _e, error_message: _m, ...expectedRest } = withoutTime(testCase.expected_metadata);
  const { error: _ae, error_message: _am, ...actualRest } = withoutTime(actual.metadata);
  const messageOnly =
    timeOk &&
    isDeepStrictEqual(testCase.expected_results, actual.results) &&
    isDeepStrictEqual(expectedRest, actualRest);
  return messageOnly
    ? { pass: false, expected, actual, scope: 'message' }
    : { pass: false, expected, actual };
}

/** Handlers for every kind the graders implement (all but `prompt`). */
export const GRADE_HANDLERS: Readonly<Record<string, ConformanceHandler>> = {
  codegen: conformanceHandler({
    schema: CodegenCase,
    async check(testCase, { sandbox }) {
      const problem = { fnName: testCase.fn_name, inputs: testCase.inputs, outputs: testCase.outputs };
      const verdict = unwrap(await judgeGeneration(sandbox, problem, testCase.code, lcb(testCase.timeout)));
      return checkCodegen(testCase, verdict);
    },
  }),
  extract_code: conformanceHandler({
    schema: ExtractCodeCase,
    check: (c) => compare(c.expected, extractCode(c.model_output, c.lm_style)),
  }),
  test_output: conformanceHandler({
    schema: TestOutputCase,
    async check(c, { sandbox }) {
      const items = [{ prediction: c.prediction, expectedOutput: c.expected_output }];
      const [result] = unwrap(await judgeTestOutputs(sandbox, items, lcb(6)));
      return compare(c.expected_result, result);
    },
  }),
  extract_test_output: conformanceHandler({
    schema: ExtractTestOutputCase,
    check: (c) => compare(c.expected, extractTestOutputCode(c.model_output, c.lm_style)),
  }),
  code_execution: conformanceHandler({
    schema: CodeExecutionCase,
    async check(c, { sandbox }) {
      const [outcome] = unwrap(await judgeExecutionPredictions(sandbox, c, [c.prediction], lcb(3)));
      return compare(
        { skipped: c.skipped, result: c.expected_result },
        { skipped: outcome === 'skipped', result: outcome === true },
      );
    },
  }),
  code_execution_list: conformanceHandler({
    schema: CodeExecutionListCase,
    async check(c, { sandbox }) {
      return compare(c.expected, unwrap(await judgeCodeExecution(sandbox, c, c.predictions, lcb(3))));
    },
  }),
  extract_execution: conformanceHandler({
    schema: ExtractExecutionCase,
    check: (c) => compare(c.expected, extractExecutionCode(c.model_output, c.cot)),
  }),
  pass_at_k: conformanceHandler({
    schema: PassAtKCase,
    check: (c) => compare(c.expected, passAtK(c.n, c.c, c.k)),
  }),
  metrics: conformanceHandler({
    schema: MetricsCase,
    check: (c) => compare(c.expected, computeMetricsFromResults(c.results, c.k_list)),
  }),
  decode_private_tests: conformanceHandler({
    schema: DecodePrivateTestsCase,
    check(c) {
      try {
        return compare(c.expected_tests, decodePrivateTestCases(c.encoded));
      } catch (error) {
        if (!(error instanceof TestCaseDecodeError)) throw error;
        return { pass: false, expected: c.expected_tests, actual: `decode error: ${error.message}` };
      }
    },
  }),
};

/** Options of a conformance run. */
export interface ConformanceRunOptions {
  handlers: Readonly<Record<string, ConformanceHandler>>;
  context: ConformanceContext;
  /** cases checked at once (sandbox kinds); 2 suits a 2-core machine */
  concurrency?: number;
  /** called as each case finishes (progress output) */
  onCase?: (report: CaseReport) => void;
}

/** Validate every line first (a malformed file fails before anything runs), then check them all. */
export async function runConformanceFile(
  path: string,
  options: ConformanceRunOptions,
): Promise<CaseReport[]> {
  const lines: { line: number; id: string; kind: string; value: unknown }[] = [];
  for await (const { line, value } of readJsonl(path)) {
    const head = ConformanceLine.safeParse(value);
    if (!head.success) {
      const issue = firstIssue(head.error);
      throw new InputError(path, issue.message, { line, field: issue.field });
    }
    const handler = options.handlers[head.data.kind];
    if (handler !== undefined) {
      const parsed = handler.schema.safeParse(value);
      if (!parsed.success) {
        const issue = firstIssue(parsed.error);
        throw new InputError(path, issue.message, { line, field: issue.field });
      }
    }
    lines.push({ line, id: head.data.id, kind: head.data.kind, value });
  }
  const reports: CaseReport[] = new Array(lines.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < lines.length) {
      const index = next++;
      const entry = lines[index]!;
      reports[index] = await checkLine(entry, options);
      options.onCase?.(reports[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return reports;
}

async function checkLine(
  entry: { line: number; id: string; kind: string; value: unknown },
  options: ConformanceRunOptions,
): Promise<CaseReport> {
  const base = { id: entry.id, kind: entry.kind, line: entry.line };
  const handler = options.handlers[entry.kind];
  if (handler === undefined) return { ...base, status: 'not-implemented' };
  try {
    const check = await handler.check(handler.schema.parse(entry.value), options.context);
    return { ...base, ...check, status: check.pass ? 'pass' : 'mismatch' };
  } catch (error) {
    if (error instanceof ConformanceInfraError) return { ...base, status: 'error', error: error.message };
    throw error;
  }
}

/** `hrm-lcb data show ID`: one problem with its decoded tests, in every scenario that has it. */
import { z } from 'zod';
import type {
  CodeExecutionProblem,
  CodeGenerationProblem,
  LcbScenario,
  LcbTest,
  TestOutputPredictionProblem,
} from '../../contracts/lcb-problem.ts';
import { EXIT, UserError } from '../../core/errors.ts';
import { defineCommand, flag } from '../define.ts';
import { datasetFlags, scenarioListSchema } from '../flags/dataset-flags.ts';
import { loadFromFlags } from './data-load.ts';

/** One scenario's view of the problem asked for. */
type Match =
  | { scenario: 'codegeneration' | 'selfrepair'; problem: CodeGenerationProblem }
  | { scenario: 'testoutputprediction'; problem: TestOutputPredictionProblem }
  | { scenario: 'codeexecution'; problem: CodeExecutionProblem };

const PREVIEW_CHARS = 400;

function clip(text: string, full: boolean): string {
  if (full || text.length <= PREVIEW_CHARS) return text;
  return `${text.slice(0, PREVIEW_CHARS)}… (${(text.length - PREVIEW_CHARS).toLocaleString('en-US')} more characters; --full shows all)`;
}

function block(title: string, text: string, full: boolean): string {
  const body = clip(text, full);
  return `--- ${title} ---\n${body}${body.endsWith('\n') ? '' : '\n'}`;
}

function testsText(label: string, tests: readonly LcbTest[], full: boolean): string {
  return tests
    .map(
      (test, i) =>
        block(`${label} ${i + 1} (${test.testtype}) input`, test.input, full) +
        block('output', test.output, full),
    )
    .join('');
}

function matchText(match: Match, full: boolean): string {
  const src = `source: ${match.problem.source.file}:${match.problem.source.line}\n`;
  if (match.scenario === 'codeexecution') {
    const p = match.problem;
    return (
      `${match.scenario} · ${p.id} · ${p.function_name}\n` +
      `question_id: ${p.question_id ?? '-'}  contest: ${p.contest_id ?? '-'}  date: ${p.contest_date ?? '-'}  difficulty: ${p.difficulty ?? '-'}  numsteps: ${p.numsteps ?? '-'}\n` +
      src +
      block('code', p.code, full) +
      block('input', p.input, full) +
      block('output', p.output, full)
    );
  }
  if (match.scenario === 'testoutputprediction') {
    const p = match.problem;
    return (
      `${match.scenario} · ${p.question_id}/${p.test_id} · ${p.question_title}\n` +
      `contest: ${p.contest_id}  date: ${p.contest_date}  difficulty: ${p.difficulty}  function_name: ${p.function_name}  errata: ${p.errata?.category ?? '-'}\n` +
      src +
      block('question_content', p.question_content, full) +
      block('starter_code', p.starter_code, full) +
      testsText('test', p.test, full)
    );
  }
  const p = match.problem;
  return (
    `${match.scenario} · ${p.question_id} · ${p.question_title}\n` +
    `platform: ${p.platform}  contest: ${p.contest_id}  date: ${p.contest_date}  difficulty: ${p.difficulty}  func_name: ${p.metadata.func_name ?? '- (stdin)'}  errata: ${p.errata === null ? '-' : `${p.errata.category} (${p.errata.note})`}\n` +
    src +
    block('question_content', p.question_content, full) +
    (p.starter_code === '' ? '' : block('starter_code', p.starter_code, full)) +
    `tests: ${p.public_test_cases.length} public, ${p.private_test_cases.length} private\n` +
    testsText('public', p.public_test_cases, full) +
    testsText('private', p.private_test_cases, full)
  );
}

async function findMatches(
  id: string,
  flags: Parameters<typeof loadFromFlags>[0],
  scenarios: LcbScenario[] | undefined,
): Promise<Match[]> {
  const slash = id.lastIndexOf('/');
  const testId = slash > 0 && /^\d+$/.test(id.slice(slash + 1)) ? Number(id.slice(slash + 1)) : undefined;
  const questionId = testId === undefined ? id : id.slice(0, slash);
  const dataset = await loadFromFlags({ ...flags, questionIds: [questionId] }, scenarios);
  const matches: Match[] = [];
  for (const selection of dataset.scenarios) {
    if (selection.scenario === 'codegeneration' || selection.scenario === 'selfrepair') {
      if (testId !== undefined) continue;
      for await (const problem of selection.set) matches.push({ scenario: selection.scenario, problem });
    } else if (selection.scenario === 'testoutputprediction') {
      for (const problem of selection.problems) {
        if (testId === undefined || problem.test_id === testId)
          matches.push({ scenario: selection.scenario, problem });
      }
    } else if (selection.scenario === 'codeexecution' && testId === undefined) {
      for (const problem of selection.problems) matches.push({ scenario: selection.scenario, problem });
    }
  }
  return matches;
}

/** The `data show` command. */
export const dataShowCommand = defineCommand({
  name: 'show',
  summary: 'print one problem with its decoded tests',
  description:
    'Print a problem of every scenario that has it: code generation by question_id, test output prediction by question_id (all its rows) or question_id/test_id, code execution by id (sample_N) or question_id. Long fields are cut at 400 characters unless --full; --json prints every match in full.',
  args: [
    {
      name: 'ID',
      description: 'question_id, question_id/test_id, or a code-execution id such as sample_3',
      required: true,
    },
  ],
  flags: {
    scenario: flag({
      name: 'scenario',
      aliases: ['scenarios'],
      description: 'look only in these scenarios (comma-separated, as for data info)',
      value: 'S[,S]',
      schema: scenarioListSchema.optional(),
    }),
    dataset: datasetFlags.dataset,
    releaseVersion: datasetFlags.releaseVersion,
    notFast: datasetFlags.notFast,
    skipInvalid: datasetFlags.skipInvalid,
    full: flag({
      name: 'full',
      description: 'print long fields and tests in full',
      schema: z.boolean().default(false),
    }),
    json: flag({
      name: 'json',
      description: 'print the matches as one JSON object',
      schema: z.boolean().default(false),
    }),
  },
  examples: [
    'hrm-lcb data show abc903_d',
    'hrm-lcb data show 9113 --scenario codegeneration --full',
    'hrm-lcb data show sample_3 --json',
  ],
  run: async ({ flags, args, stdout }) => {
    const id = args[0]!;
    const matches = await findMatches(
      id,
      {
        dataset: flags.dataset,
        releaseVersion: flags.releaseVersion,
        notFast: flags.notFast,
        skipInvalid: flags.skipInvalid,
        checkTests: false,
        startDate: undefined,
        endDate: undefined,
        platform: undefined,
        difficulty: undefined,
        questionIds: undefined,
        excludeErrata: false,
        evalSubsetSize: undefined,
        subsetSeed: 0,
      },
      flags.scenario,
    );
    if (matches.length === 0) {
      throw new UserError(
        `no problem ${JSON.stringify(id)} in ${flags.dataset} (release ${flags.releaseVersion})`,
        {
          hint: 'list ids with `hrm-lcb data info --json`, or try an older --release-version',
        },
      );
    }
    if (flags.json) {
      stdout.write(`${JSON.stringify({ id, matches }, null, 2)}\n`);
      return EXIT.ok;
    }
    stdout.write(matches.map((match) => matchText(match, flags.full)).join('\n'));
    return EXIT.ok;
  },
});

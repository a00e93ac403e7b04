/**
 * `hrm-lcb conformance FILE.jsonl`: run every case of a conformance file (the schema of
 * `../shared/conformance/`) through hrm-lcb and compare with what the official LiveCodeBench code
 * returned; per-kind pass counts and every mismatch. Users check their installation with it.
 */
import { z } from 'zod';
import { CONFORMANCE_KINDS } from '../../contracts/grade-conformance.ts';
import { EXIT } from '../../core/errors.ts';
import {
  type CaseReport,
  type ConformanceHandler,
  conformanceHandler,
  GRADE_HANDLERS,
  runConformanceFile,
} from '../../judge/conformance.ts';
import { checkPromptCase, PromptCase } from '../../prompts/conformance.ts';
import { defineCommand, flag } from '../define.ts';
import { createSandboxFromFlags, sandboxFlags } from '../flags/sandbox-flags.ts';

/** Every kind hrm-lcb checks: the graders' handlers plus the prompt builders'. */
const HANDLERS: Readonly<Record<string, ConformanceHandler>> = {
  ...GRADE_HANDLERS,
  prompt: conformanceHandler({
    schema: PromptCase,
    check(testCase) {
      const result = checkPromptCase(testCase);
      return { pass: result.pass, expected: result.expected, actual: result.actual };
    },
  }),
};

interface KindSummary {
  total: number;
  pass: number;
  mismatch: number;
  /** mismatches where only error texts differ (another Python version words them differently) */
  messageOnly: number;
  error: number;
  notImplemented: number;
}

function summarize(reports: readonly CaseReport[]): Record<string, KindSummary> {
  const known: string[] = [...CONFORMANCE_KINDS];
  const kinds = [...known.filter((k) => reports.some((r) => r.kind === k))];
  for (const report of reports) if (!kinds.includes(report.kind)) kinds.push(report.kind);
  const byKind: Record<string, KindSummary> = {};
  for (const kind of kinds) {
    const mine = reports.filter((r) => r.kind === kind);
    byKind[kind] = {
      total: mine.length,
      pass: mine.filter((r) => r.status === 'pass').length,
      mismatch: mine.filter((r) => r.status === 'mismatch').length,
      messageOnly: mine.filter((r) => r.status === 'mismatch' && r.scope === 'message').length,
      error: mine.filter((r) => r.status === 'error').length,
      notImplemented: mine.filter((r) => r.status === 'not-implemented').length,
    };
  }
  return byKind;
}

const show = (value: unknown): string => JSON.stringify(value);

function renderText(
  file: string,
  reports: readonly CaseReport[],
  byKind: Record<string, KindSummary>,
): string {
  const lines = [`conformance: ${file} (${reports.length} cases)`];
  const width = Math.max(4, ...Object.keys(byKind).map((k) => k.length));
  for (const [kind, s] of Object.entries(byKind)) {
    const notes = [
      s.mismatch > 0
        ? `${s.mismatch} mismatch${s.messageOnly > 0 ? ` (${s.messageOnly} in error texts only)` : ''}`
        : '',
      s.error > 0 ? `${s.error} error` : '',
      s.notImplemented > 0 ? `${s.notImplemented} not implemented` : '',
    ].filter((n) => n !== '');
    lines.push(
      `  ${kind.padEnd(width)}  ${s.pass}/${s.total}${notes.length > 0 ? `  ${notes.join(', ')}` : ''}`,
    );
  }
  for (const r of reports) {
    if (r.status === 'pass') continue;
    const where = `${r.id} (${r.kind}, line ${r.line})`;
    if (r.status === 'not-implemented') lines.push(`NOT IMPLEMENTED ${where}`);
    else if (r.status === 'error') lines.push(`ERROR ${where}: ${r.error}`);
    else {
      lines.push(`MISMATCH ${where}${r.scope === 'message' ? ': error texts only' : ''}`);
      lines.push(`  upstream: ${show(r.expected)}`);
      lines.push(`  hrm-lcb:  ${show(r.actual)}`);
    }
  }
  const passed = reports.filter((r) => r.status === 'pass').length;
  lines.push(`${passed}/${reports.length} cases match upstream`);
  return `${lines.join('\n')}\n`;
}

/** The `conformance` command. */
export const conformanceCommand = defineCommand({
  name: 'conformance',
  summary: 'check hrm-lcb against cases produced by the official LCB grader; exit 1 on any mismatch',
  description:
    'Runs every line of FILE (JSON Lines in the schema of the shared LCB conformance corpus: codegen, extraction, test-output, code-execution, pass@k, metrics, prompt and private-test decoding cases) through hrm-lcb and compares each result with the value the official LiveCodeBench code returned. Prints pass counts per kind and every mismatch (upstream value, then ours). Exit 0 only when every case matches; 1 on any mismatch, sandbox error or kind hrm-lcb does not implement; 3 on a malformed file.',
  args: [{ name: 'FILE', description: 'conformance cases, one JSON object per line', required: true }],
  flags: {
    json: flag({
      name: 'json',
      description: 'print one JSON object (summary per kind and every non-passing case) instead of text',
      schema: z.boolean().default(false),
    }),
    ...sandboxFlags,
  },
  examples: [
    'hrm-lcb conformance ../shared/conformance/lcb-conformance.jsonl',
    'hrm-lcb conformance cases.jsonl --json',
  ],
  async run({ args, flags, stdout, stderr }) {
    const file = args[0]!;
    const sandbox = await createSandboxFromFlags(flags, { stderr });
    let reports: CaseReport[];
    try {
      reports = await runConformanceFile(file, {
        handlers: HANDLERS,
        context: { sandbox },
        concurrency: sandbox.slots,
      });
    } finally {
      await sandbox.close();
    }
    const byKind = summarize(reports);
    const passed = reports.filter((r) => r.status === 'pass').length;
    if (flags.json) {
      const failing = reports.filter((r) => r.status !== 'pass');
      stdout.write(`${JSON.stringify({ file, total: reports.length, passed, byKind, failing }, null, 2)}\n`);
    } else {
      stdout.write(renderText(file, reports, byKind));
    }
    return passed === reports.length ? EXIT.ok : EXIT.checkFailed;
  },
});

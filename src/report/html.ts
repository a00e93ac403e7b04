/**
 * The HTML reporter: one self-contained offline file (`report.html`): run settings, per scenario × difficulty
 * × platform × month tables, pass@k and per-month charts (uPlot, inlined from node_modules), and a
 * per-problem drill-down (prompt, raw output, extracted code, per-test verdicts, stderr, times). The file is
 * streamed problem by problem, and the drill-down keeps a bounded number of samples per problem with long
 * texts cut, so a run of 100,000 generations gives a report a browser opens.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { JournalRow } from '../contracts/journal.ts';
import { writeAtomicStream } from './atomic-stream.ts';
import { describeDateWindow, runHeadline } from './format.ts';
import { REPORT_APP_JS, REPORT_CSS } from './html-app.ts';
import { problemKey } from './summary.ts';
import type { Reporter, ReportInput } from './types.ts';

/** longest text (prompt, output, code, stderr) kept in the drill-down, in characters */
export const DRILLDOWN_TEXT_CHARS = 8_000;

/** samples shown per problem: fewer for big runs so the file stays small enough to open */
export function drilldownSamplesPerProblem(problems: number): number {
  if (problems <= 2_000) return 5;
  if (problems <= 20_000) return 2;
  return 1;
}

const requireFromHere = createRequire(import.meta.url);

function uplotAssets(): { js: string; css: string } {
  const js = readFileSync(requireFromHere.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
  const css = readFileSync(requireFromHere.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  return { js, css };
}

/** Cut a text to `DRILLDOWN_TEXT_CHARS`, saying how much was left out. */
export function clip(text: string): string {
  if (text.length <= DRILLDOWN_TEXT_CHARS) return text;
  return `${text.slice(0, DRILLDOWN_TEXT_CHARS)}\n… [${text.length - DRILLDOWN_TEXT_CHARS} more characters in journal.jsonl]`;
}

/** JSON safe to place inside a `<script>` element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The samples a problem's drill-down shows: infrastructure errors, then failures, then passes, in sample order. */
export function pickSamples(rows: readonly JournalRow[], limit: number): JournalRow[] {
  const rank = (row: JournalRow): number => (row.status === 'error' ? 0 : row.passed ? 2 : 1);
  return [...rows]
    .sort((a, b) => rank(a) - rank(b) || a.sample - b.sample)
    .slice(0, limit)
    .sort((a, b) => a.sample - b.sample);
}

function sampleView(row: JournalRow) {
  return {
    sample: row.sample,
    status: row.status,
    passed: row.passed,
    skipped: row.skipped,
    error: row.error === null ? null : `${row.error.stage} ${row.error.kind}: ${row.error.message}`,
    output: clip(row.output),
    extracted: clip(row.extracted),
    results: row.results,
    tests: row.tests,
    metadata: row.metadata === null ? '' : clip(row.metadata),
    stderr: clip(row.stderr),
    prompt: row.prompt === null ? '' : clip(row.prompt),
    cached: row.cached,
    generate_ms: row.generate_ms,
    grade_ms: row.grade_ms,
  };
}

function metaPairs(input: ReportInput): [string, string][] {
  const { manifest } = input;
  const { config } = manifest;
  const filter = config.dataset.filter;
  const pairs: [string, string][] = [
    ['run', runHeadline(input)],
    ['scenarios', config.scenarios.join(', ')],
    [
      'dataset',
      `${config.dataset.location} · ${filter.release_version}${config.dataset.not_fast ? ' · not fast' : ''}`,
    ],
    ['date window', describeDateWindow(filter)],
    ['prompt style', `${config.prompt_style}${config.cot_code_execution ? ' · CoT code execution' : ''}`],
    [
      'grading',
      `${config.grading.mode} · ${config.grading.timeout_s} s per test · extraction ${config.grading.extraction}`,
    ],
    [
      'sampling',
      `n=${config.sampling.n} · temperature ${config.sampling.temperature} · top_p ${config.sampling.top_p} · max_tokens ${config.sampling.max_tokens}`,
    ],
    ['fingerprint', manifest.fingerprint],
    ['created', `${manifest.created_at} · hrm-lcb ${manifest.hrm_lcb_version}`],
  ];
  if (manifest.shard !== null) pairs.push(['shard', `${manifest.shard.index}/${manifest.shard.count}`]);
  if (manifest.merged_from.length > 0) pairs.push(['merged from', manifest.merged_from.join(', ')]);
  const { missing, errors } = input.summary;
  pairs.push([
    'completeness',
    missing === 0 && errors === 0
      ? 'complete'
      : `${missing} samples not run, ${errors} infrastructure errors`,
  ]);
  return pairs;
}

/** Writes report.html into the run directory. */
export const htmlReporter: Reporter = {
  name: 'html',
  description: 'report.html: one offline file with tables, charts and a per-problem drill-down',
  async write(input) {
    const file = join(input.runDir, 'report.html');
    const { js, css } = uplotAssets();
    const perProblem = drilldownSamplesPerProblem(input.problems.length);
    await writeAtomicStream(file, async (write) => {
      await write(
        `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>hrm-lcb report ${escapeHtml(input.manifest.fingerprint.slice(0, 12))}</title>\n` +
          `<style>${css}</style>\n<style>${REPORT_CSS}</style>\n</head><body>\n` +
          '<header><h1>hrm-lcb evaluation report</h1><dl id="meta"></dl></header>\n' +
          '<main><div class="charts" id="charts"></div><div id="scenarios"></div></main>\n<aside id="drilldown"></aside>\n' +
          `<script>${js}</script>\n<script type="application/json" id="run-data">`,
      );
      await write(
        `{"meta":${scriptJson(metaPairs(input))},"summary":${scriptJson(input.summary)},"problems":[`,
      );
      let first = true;
      for (const row of input.problems) {
        const outcome = input.outcomes.get(problemKey(row.scenario, row.problem_id));
        const rows = await input.samples(row.scenario, row.problem_id);
        const shown = pickSamples(rows, perProblem);
        const view = {
          scenario: row.scenario,
          id: row.problem_id,
          title: row.title,
          difficulty: row.difficulty,
          platform: row.platform,
          date: row.contest_date,
          n: outcome?.n ?? 0,
          c: outcome?.c ?? 0,
          errors: outcome?.errors ?? 0,
          prompt: clip(row.prompt),
          omitted: rows.length - shown.length,
          samples: shown.map(sampleView),
        };
        await write(`${first ? '' : ','}${scriptJson(view)}`);
        first = false;
      }
      await write(`]}</script>\n<script>${REPORT_APP_JS}</script>\n</body></html>\n`);
    });
    return [file];
  },
};

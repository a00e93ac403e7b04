/** `hrm-lcb data info`: how many problems a selection holds, by scenario × difficulty × platform × month. */
import { z } from 'zod';
import { Difficulty, Platform } from '../../contracts/lcb-problem.ts';
import { EXIT } from '../../core/errors.ts';
import { releaseFiles } from '../../lcb/index.ts';
import { addToBreakdown, type Breakdown, NONE, type ScenarioTotals } from '../../lcb/summary.ts';
import { defineCommand, flag } from '../define.ts';
import { datasetFlags, scenarioListSchema } from '../flags/dataset-flags.ts';
import {
  type LoadedDataset,
  loadFromFlags,
  reportLoadIssues,
  skippedRows,
  unmatchedIds,
} from './data-load.ts';

/** One JSON object with `total` and `counts`, the stable machine-readable form of `data info`. */
export interface DataInfoJson {
  dataset: string;
  root: string;
  not_fast: boolean;
  filter: Record<string, unknown>;
  total: number;
  counts: Breakdown;
  totals: Record<string, ScenarioTotals>;
  errata: Record<string, Array<{ key: string; id: string; category: string }>>;
  files: Record<string, string[]>;
  invalid: Array<{ file: string; line: number | null; field: string | null; message: string }>;
  unmatched_question_ids: string[];
}

function infoJson(dataset: LoadedDataset): DataInfoJson {
  const counts: Breakdown = {};
  const totals: Record<string, ScenarioTotals> = {};
  const errata: DataInfoJson['errata'] = {};
  const files: DataInfoJson['files'] = {};
  for (const selection of dataset.scenarios) {
    totals[selection.scenario] = addToBreakdown(counts, selection.scenario, selection.items);
    errata[selection.scenario] = selection.items
      .filter((item) => item.errata !== null)
      .map((item) => ({ key: item.key, id: item.errata!.id, category: item.errata!.category }));
    files[selection.scenario] = selection.files;
  }
  const { start_us: _s, end_us: _e, ...filter } = dataset.filter;
  return {
    dataset: dataset.layout.label,
    root: dataset.layout.root,
    not_fast: dataset.notFast,
    filter: {
      ...filter,
      start_date: filter.start_date ?? null,
      end_date: filter.end_date ?? null,
      subset_size: filter.subset_size ?? null,
    },
    total: Object.values(totals).reduce((sum, t) => sum + t.total, 0),
    counts,
    totals,
    errata,
    files,
    invalid: skippedRows(dataset).map((e) => ({
      file: e.file,
      line: e.line ?? null,
      field: e.field ?? null,
      message: e.message,
    })),
    unmatched_question_ids: unmatchedIds(dataset),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
        .join('  '),
    )
    .map((line) => `  ${line.trimEnd()}\n`)
    .join('');
}

function scenarioText(
  name: string,
  counts: Breakdown[string],
  totals: ScenarioTotals,
  info: DataInfoJson,
): string {
  const difficulties = [...Difficulty.options, NONE].filter((d) => d in totals.by_difficulty);
  const platforms = [...Platform.options, NONE].filter((p) => p in totals.by_platform);
  const cell = (d: string, p: string): number =>
    Object.values(counts[d]?.[p] ?? {}).reduce((sum, n) => sum + n, 0);
  const rows = [['', ...platforms, 'total']];
  for (const d of difficulties)
    rows.push([d, ...platforms.map((p) => String(cell(d, p))), String(totals.by_difficulty[d])]);
  rows.push(['total', ...platforms.map((p) => String(totals.by_platform[p] ?? 0)), String(totals.total)]);
  let out = `${name}: ${totals.total} problem${totals.total === 1 ? '' : 's'}\n`;
  if (totals.total > 0) out += table(rows);
  const months = Object.entries(totals.by_month).map(([m, n]) => `${m} ${n}`);
  if (months.length > 0) out += `  by month: ${months.join(', ')}\n`;
  const marked = info.errata[name] ?? [];
  if (marked.length > 0) {
    out += `  errata (kept, marked): ${marked.map((e) => `${e.key} (${e.category.replaceAll('_', ' ')})`).join(', ')}\n`;
  }
  return out;
}

function headerText(info: DataInfoJson): string {
  const f = info.filter as { release_version: string; start_date: string | null; end_date: string | null };
  const files = releaseFiles(f.release_version) ?? [];
  const release = info.not_fast
    ? 'code_generation (un-pruned, --not-fast)'
    : `${f.release_version} (${files.length === 1 ? files[0] : `${files[0]} … ${files.at(-1)}`})`;
  const window =
    f.start_date === null && f.end_date === null
      ? 'all dates'
      : `${f.start_date ?? '…'} to ${f.end_date ?? '…'} (inclusive, midnight)`;
  const dataset = info.dataset === info.root ? info.root : `${info.dataset} (${info.root})`;
  const usesRelease = 'codegeneration' in info.totals || 'selfrepair' in info.totals;
  return `dataset: ${dataset}\n${usesRelease ? `release: ${release}\n` : ''}window: ${window}\n`;
}

/** The human-readable report of `data info`. */
function renderInfoText(info: DataInfoJson): string {
  let out = `${headerText(info)}\n`;
  for (const [scenario, totals] of Object.entries(info.totals)) {
    out += `${scenarioText(scenario, info.counts[scenario] ?? {}, totals, info)}\n`;
  }
  return `${out}total: ${info.total}\n`;
}

/** The `data info` command. */
export const dataInfoCommand = defineCommand({
  name: 'info',
  summary: 'count the selected problems by scenario, difficulty, platform and month',
  description:
    'Load the selected problems of each scenario (metadata only, streaming) and print how many there are by scenario × difficulty × platform × month, with errata marks. `--json` prints one JSON object with `total` and `counts[scenario][difficulty][platform][month]`.',
  flags: {
    scenario: flag({
      name: 'scenario',
      aliases: ['scenarios'],
      description:
        'scenarios to count (comma-separated): codegeneration|generation, selfrepair, testoutputprediction|testprediction, codeexecution|execution; default every one present',
      value: 'S[,S]',
      schema: scenarioListSchema.optional(),
    }),
    ...datasetFlags,
    json: flag({
      name: 'json',
      description: 'print one JSON object instead of tables',
      schema: z.boolean().default(false),
    }),
  },
  examples: [
    'hrm-lcb data info --dataset sample',
    'hrm-lcb data info --dataset sample --release-version release_v2 --json',
    'hrm-lcb data info --dataset ~/lcb --scenario codegeneration --start_date 2024-08-01 --end_date 2025-01-31',
  ],
  run: async ({ flags, stdout, stderr }) => {
    const dataset = await loadFromFlags(flags, flags.scenario);
    const info = infoJson(dataset);
    reportLoadIssues(dataset, stderr);
    stdout.write(flags.json ? `${JSON.stringify(info, null, 2)}\n` : renderInfoText(info));
    for (const scenario of dataset.scenarios) if ('set' in scenario) await scenario.set.close();
    return EXIT.ok;
  },
});

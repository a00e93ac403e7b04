/** Small formatting helpers shared by reporters. */

import type { SliceScore } from './summary.ts';
import type { ReportInput } from './types.ts';

/** A fraction as a percentage with one decimal, `-` when absent. */
export function percent(value: number | undefined): string {
  return value === undefined ? '-' : `${(100 * value).toFixed(1)}%`;
}

/** The k values shown as columns: those some slice of the report has, in increasing order. */
export function kColumns(slices: readonly SliceScore[], limit = Number.POSITIVE_INFINITY): string[] {
  const ks = new Set<number>();
  for (const slice of slices)
    for (const key of Object.keys(slice.passAt)) ks.add(Number(key.slice('pass@'.length)));
  return [...ks]
    .sort((a, b) => a - b)
    .slice(0, limit)
    .map((k) => `pass@${k}`);
}

/** The contest-date window in words: `all dates`, `from 2024-09-01`, `to 2025-01-31`, or both bounds (inclusive). */
export function describeDateWindow(filter: { start_date?: string | null; end_date?: string | null }): string {
  const { start_date: start, end_date: end } = filter;
  if (start && end) return `${start} to ${end}`;
  if (start) return `from ${start}`;
  if (end) return `to ${end}`;
  return 'all dates';
}

/** One line saying what was evaluated, for headers: model, data, window, prompt, grader, sampling. */
export function runHeadline(input: ReportInput): string {
  const { config } = input.manifest;
  const filter = config.dataset.filter;
  const model =
    config.model.backend === 'openai'
      ? `${config.model.model} @ ${config.model.base_url}`
      : config.model.backend === 'replay'
        ? `replay:${config.model.file}`
        : config.model.backend === 'plugin'
          ? `${config.model.name}:${config.model.location}`
          : 'oracle';
  const sampling = `n=${config.sampling.n} T=${config.sampling.temperature} top_p=${config.sampling.top_p}`;
  return `${model} | ${config.dataset.location} ${filter.release_version} ${describeDateWindow(filter)} | ${config.prompt_style} | grader ${config.grading.mode} (timeout ${config.grading.timeout_s}s, extraction ${config.grading.extraction}) | ${sampling}`;
}

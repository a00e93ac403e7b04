/**
 * `hrm-lcb scores`: LCB's `compute_scores.py` over an `_eval_all.json`: pass@k overall and per
 * difficulty, and the mean stored pass@1, for a contest-date window and platform.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { EvalAllRow } from '../../contracts/results.ts';
import { EXIT, InputError } from '../../core/errors.ts';
import { firstIssue } from '../../core/zod-issues.ts';
import { computeScores, type Scores } from '../../grade/scores.ts';
import { parseDateBound, parseNaiveDateTime } from '../../lcb/index.ts';
import { defineCommand, flag } from '../define.ts';

const dateFlag = (name: string, description: string) =>
  flag({
    name,
    aliases: [name.replace('-', '_')],
    description,
    value: 'YYYY-MM-DD',
    schema: z
      .string()
      .refine((text) => parseDateBound(text) !== undefined, 'expected a calendar date YYYY-MM-DD')
      .optional(),
  });

async function readEvalAll(path: string): Promise<{ rows: z.infer<typeof EvalAllRow>[]; dates: number[] }> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      path,
      code === undefined ? `invalid JSON: ${(error as Error).message}` : `cannot read file: ${code}`,
    );
  }
  if (!Array.isArray(value)) throw new InputError(path, 'expected a JSON list of _eval_all rows');
  const rows = value.map((row, i) => {
    const parsed = EvalAllRow.safeParse(row);
    if (!parsed.success) {
      const issue = firstIssue(parsed.error);
      throw new InputError(path, issue.message, { field: `[${i}].${issue.field}` });
    }
    return parsed.data;
  });
  // compute_scores parses every contest_date with fromisoformat before filtering
  const dates = rows.map((row, i) => {
    const date = parseNaiveDateTime(row.contest_date);
    if (date === undefined) {
      throw new InputError(path, `not a naive ISO datetime: ${JSON.stringify(row.contest_date)}`, {
        field: `[${i}].contest_date`,
      });
    }
    return date.us;
  });
  return { rows, dates };
}

const fmt = (value: number | null | undefined): string =>
  value === null || value === undefined ? '-' : Number.isNaN(value) ? 'nan' : value.toFixed(4);

function renderScores(scores: Scores): string {
  const lines = [`${scores.count} problems`];
  lines.push(
    `  ${'k'.padStart(4)}  ${['all', 'easy', 'medium', 'hard'].map((h) => h.padStart(7)).join('  ')}`,
  );
  for (const row of scores.passAtK) {
    const cells = [row.all, row.easy, row.medium, row.hard].map((v) => fmt(v).padStart(7));
    lines.push(`  ${`@${row.k}`.padStart(4)}  ${cells.join('  ')}`);
  }
  const by = scores.pass1ByDifficulty;
  lines.push(
    `Pass@1 (mean of stored pass@1): ${fmt(scores.pass1)}  easy ${fmt(by.easy)}  medium ${fmt(by.medium)}  hard ${fmt(by.hard)}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The `scores` command. */
export const scoresCommand = defineCommand({
  name: 'scores',
  summary: "LCB's compute_scores: pass@k by difficulty for a date window and platform of an _eval_all.json",
  description:
    "Reads an _eval_all.json written by LCB or by hrm-lcb, keeps the problems whose contest_date lies in [--start-date, --end-date] (bounds at midnight, inclusive) and on --platform, and prints what LCB's compute_scores prints: the count, pass@k for k in 1, 5, 10, 25, 50, 100, 150, 200 overall and per difficulty (no n >= k guard, as upstream: a problem with fewer samples counts 1.0 for that k; nan for an empty difficulty), then the mean of the stored per-problem pass@1.",
  flags: {
    evalAll: flag({
      name: 'eval-all',
      aliases: ['eval_all_file'],
      description: 'an _eval_all.json file (a list of graded problems)',
      value: 'FILE',
      schema: z.string().min(1),
    }),
    startDate: dateFlag('start-date', 'keep problems with contest_date >= this date at midnight'),
    endDate: dateFlag('end-date', 'keep problems with contest_date <= this date at midnight'),
    platform: flag({
      name: 'platform',
      description: 'keep problems of this platform (exact match: leetcode, codeforces, atcoder)',
      value: 'P',
      schema: z.string().min(1).optional(),
    }),
    json: flag({
      name: 'json',
      description: 'print one JSON object instead of text',
      schema: z.boolean().default(false),
    }),
  },
  examples: [
    'hrm-lcb scores --eval-all output/model/Scenario.codegeneration_10_0.2_eval_all.json',
    'hrm-lcb scores --eval-all run_eval_all.json --start-date 2024-08-01 --end-date 2025-02-01 --platform leetcode --json',
  ],
  async run({ flags, stdout }) {
    const { rows, dates } = await readEvalAll(flags.evalAll);
    const start = flags.startDate === undefined ? undefined : parseDateBound(flags.startDate)!;
    const end = flags.endDate === undefined ? undefined : parseDateBound(flags.endDate)!;
    const kept = rows.filter(
      (row, i) =>
        (start === undefined || start <= dates[i]!) &&
        (end === undefined || dates[i]! <= end) &&
        (flags.platform === undefined || row.platform === flags.platform),
    );
    const scores = computeScores(kept);
    if (flags.json) {
      const finite = (v: number) => (Number.isNaN(v) ? null : v);
      const out = {
        file: flags.evalAll,
        start_date: flags.startDate ?? null,
        end_date: flags.endDate ?? null,
        platform: flags.platform ?? null,
        count: scores.count,
        pass_at_k: scores.passAtK.map((r) => ({
          k: r.k,
          all: finite(r.all),
          easy: finite(r.easy),
          medium: finite(r.medium),
          hard: finite(r.hard),
        })),
        pass_at_1: scores.pass1,
        pass_at_1_by_difficulty: scores.pass1ByDifficulty,
      };
      stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      stdout.write(renderScores(scores));
    }
    return EXIT.ok;
  },
});

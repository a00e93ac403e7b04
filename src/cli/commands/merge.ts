/**
 * `hrm-lcb merge DIR... --output-dir OUT`: combine the run directories of `evaluate --shard i/n` runs into one
 * run with the reports of the whole (the vitest `--shard` / `--merge-reports` pattern).
 */
import { z } from 'zod';
import { mergeRuns } from '../../evaluate/merge.ts';
import { DEFAULT_REPORTERS } from '../../report/index.ts';
import { defineCommand, flag } from '../define.ts';
import { reporterFlag, writeRunReports } from './report.ts';

/** The `merge` command. */
export const mergeCommand = defineCommand({
  name: 'merge',
  summary: 'combine the run directories of --shard runs into one run with its reports',
  description:
    'Checks that every DIR holds a run with the same fingerprint and that the shards 1..n are all there exactly once (or --allow-partial), then writes OUT with the problems in LCB order, one journal row per (scenario, problem, sample), and the reports of the whole run. Exit 0 when every sample has a verdict, 5 otherwise.',
  args: [{ name: 'DIR', description: 'shard run directories', required: true, variadic: true }],
  flags: {
    outputDir: flag({
      name: 'output-dir',
      aliases: ['output_dir'],
      description: 'the merged run directory (must not hold a run yet)',
      value: 'DIR',
      schema: z.string().min(1),
    }),
    allowPartial: flag({
      name: 'allow-partial',
      aliases: ['allow_partial'],
      description: 'merge even when some shards are missing (their problems stay unscored)',
      schema: z.boolean().default(false),
    }),
    reporter: reporterFlag,
  },
  examples: [
    'hrm-lcb merge runs/qwen-shard1 runs/qwen-shard2 runs/qwen-shard3 runs/qwen-shard4 --output-dir runs/qwen',
  ],
  async run({ args, flags, stdout, stderr }) {
    await mergeRuns({ dirs: args, outputDir: flags.outputDir, allowPartial: flags.allowPartial, stderr });
    return writeRunReports(flags.outputDir, flags.reporter ?? [...DEFAULT_REPORTERS], { stdout, stderr });
  },
});

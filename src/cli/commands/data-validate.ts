/** `hrm-lcb data validate DIR`: check every row of a download and report each bad one. */
import { z } from 'zod';
import { EXIT } from '../../core/errors.ts';
import { validateDataset } from '../../lcb/validate.ts';
import { defineCommand, flag } from '../define.ts';

/** The `data validate` command. */
export const dataValidateCommand = defineCommand({
  name: 'validate',
  summary: 'check every row of a download and report each bad row',
  description:
    'Parse every row of every file at DIR (all release files, the un-pruned set, test_generation, execution-v2 or CRUXEval), decode all tests, and report each bad row with its file, line and field. Exits 1 when any row is bad; warnings (rows LCB accepts but grades oddly) do not change the exit code.',
  args: [
    {
      name: 'DIR',
      description: 'a directory laid out like the Hugging Face downloads, or `sample`',
      required: true,
    },
  ],
  flags: {
    json: flag({
      name: 'json',
      description: 'print the report as one JSON object',
      schema: z.boolean().default(false),
    }),
    quiet: flag({
      name: 'quiet',
      short: 'q',
      description: 'no progress lines on stderr',
      schema: z.boolean().default(false),
    }),
  },
  examples: ['hrm-lcb data validate sample', 'hrm-lcb data validate ~/lcb --json > validation.json'],
  run: async ({ flags, args, stdout, stderr }) => {
    const started = Date.now();
    const report = await validateDataset(args[0]!, (file) => {
      if (!flags.quiet) stderr.write(`hrm-lcb: validating ${file}\n`);
    });
    const rows = report.files.reduce((sum, f) => sum + f.rows, 0);
    const bad = report.files.reduce((sum, f) => sum + f.bad, 0);
    if (flags.json) {
      stdout.write(`${JSON.stringify({ ok: bad === 0, rows, bad, ...report }, null, 2)}\n`);
    } else {
      for (const file of report.files) {
        stdout.write(
          `${file.bad === 0 ? 'ok  ' : 'BAD '} ${file.file}: ${file.rows} rows (${file.scenario})${file.bad > 0 ? `, ${file.bad} bad` : ''}\n`,
        );
      }
      for (const error of report.errors) stdout.write(`error: ${error.message}\n`);
      for (const warning of report.warnings) stdout.write(`warning: ${warning.message}\n`);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      stdout.write(
        `${rows} rows in ${report.files.length} file${report.files.length === 1 ? '' : 's'}: ${bad} bad, ${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'} (${seconds} s)\n`,
      );
    }
    return bad === 0 ? EXIT.ok : EXIT.checkFailed;
  },
});

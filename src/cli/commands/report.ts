/**
 * `hrm-lcb report RUN_DIR`: rebuild a run's reports from its journal. `writeRunReports` is also what
 * `evaluate` and `merge` call when they finish: it joins the run reader (`evaluate/`) to the reporters
 * (`report/`), which do not know each other.
 */
import { z } from 'zod';
import { EXIT, UserError } from '../../core/errors.ts';
import { startHeapGovernor } from '../../evaluate/heap-governor.ts';
import { openRunReader } from '../../evaluate/run-reader.ts';
import { DEFAULT_REPORTERS, REPORTERS, summarize } from '../../report/index.ts';
import { defineCommand, flag } from '../define.ts';

const commaList = z.string().transform((text) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

/** `--reporter`, shared by `evaluate`, `report` and `merge`. */
export const reporterFlag = flag({
  name: 'reporter',
  description: `reports to write, comma-separated: ${Object.keys(REPORTERS).join(', ')}`,
  value: 'R[,R]',
  schema: commaList
    .refine(
      (names) => names.every((name) => name in REPORTERS),
      `expected reporters among ${Object.keys(REPORTERS).join(', ')}`,
    )
    .optional(),
  defaultText: DEFAULT_REPORTERS.join(','),
});

/** Write the named reports of a run directory; returns the exit code its completeness calls for. */
export async function writeRunReports(
  runDir: string,
  reporters: readonly string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const unknown = reporters.filter((name) => !(name in REPORTERS));
  if (unknown.length > 0) {
    throw new UserError(`unknown reporter ${unknown.join(', ')}`, {
      hint: `use ${Object.keys(REPORTERS).join(', ')}`,
    });
  }
  const governor = startHeapGovernor();
  const reader = await openRunReader(runDir);
  const files: string[] = [];
  const summary = summarize(reader.problems, reader.outcomes);
  try {
    const input = { ...reader, summary, stdout: io.stdout };
    for (const name of reporters) files.push(...(await REPORTERS[name]!.write(input)));
  } finally {
    governor.stop();
    await reader.close();
  }
  if (files.length > 0) io.stderr.write(`hrm-lcb: wrote ${files.join(', ')}\n`);
  return summary.missing > 0 || summary.errors > 0 ? EXIT.incomplete : EXIT.ok;
}

/** The `report` command. */
export const reportCommand = defineCommand({
  name: 'report',
  summary: "rebuild a run's reports (terminal table, LCB JSON, CSV, HTML) from its journal",
  description:
    "Reads RUN_DIR/run.json, problems.jsonl and journal.jsonl (streamed; nothing is re-run) and writes the reports again: the terminal table, LCB's result files in results/, summary.json, summary.csv and problems.csv, and report.html. Exit 0 for a complete run, 5 when samples are missing or ended in infrastructure errors.",
  args: [{ name: 'RUN_DIR', description: 'the --output-dir of an evaluate (or merge) run', required: true }],
  flags: { reporter: reporterFlag },
  examples: ['hrm-lcb report runs/oracle', 'hrm-lcb report runs/oracle --reporter html,csv'],
  async run({ args, flags, stdout, stderr }) {
    return writeRunReports(args[0]!, flags.reporter ?? [...DEFAULT_REPORTERS], { stdout, stderr });
  },
});

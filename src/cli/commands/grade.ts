/**
 * `hrm-lcb grade`: grade externally produced answers, in the input formats of LCB's
 * `runner/custom_evaluator.py`, through the sandbox, and write LCB's three result files
 * (`..._output.json`, `..._output_eval.json`, `..._output_eval_all.json`). Resumable: finished verdicts
 * are journaled, so a killed run picks up where it stopped.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { GraderModeSchema } from '../../contracts/grade.ts';
import type { LcbScenario } from '../../contracts/lcb-problem.ts';
import { writeFileAtomic } from '../../core/atomic-write.ts';
import { EXIT, InputError } from '../../core/errors.ts';
import { alignPredictions } from '../../grade/predictions.ts';
import {
  codeExecutionResultFiles,
  codegenResultFiles,
  evalFileNames,
  type LcbResultFiles,
  testOutputResultFiles,
} from '../../grade/result-files.ts';
import {
  type GradeRunResult,
  gradeCodeExecution,
  gradeCodeGeneration,
  gradeTestOutput,
} from '../../judge/grade-run.ts';
import { digest, GradeJournal } from '../../judge/journal.ts';
import {
  codeExecutionKey,
  loadCodeExecution,
  loadTestOutputPrediction,
  openCodeGeneration,
  testOutputPredictionKey,
} from '../../lcb/index.ts';
import { pyJsonDumps } from '../../python/json-dumps.ts';
import { defineCommand, flag } from '../define.ts';
import { datasetFlags, datasetSelection, SCENARIO_NAMES } from '../flags/dataset-flags.ts';
import { createSandboxFromFlags, sandboxFlags } from '../flags/sandbox-flags.ts';

const scenarioSchema = z
  .string()
  .refine((name) => name in SCENARIO_NAMES, `expected one of ${Object.keys(SCENARIO_NAMES).join(', ')}`)
  .transform((name) => SCENARIO_NAMES[name]!);

/** The grading flags shared with other commands that judge answers. */
export const graderFlag = flag({
  name: 'grader',
  description:
    'lcb: reproduce upstream LiveCodeBench verdicts, quirks included; fixed: repair each quirk (docs/faithfulness.md)',
  value: 'lcb|fixed',
  schema: GraderModeSchema.default('lcb'),
  defaultText: 'lcb',
});

const flags = {
  predictions: flag({
    name: 'predictions',
    aliases: ['custom_output_file'],
    description:
      'JSON file of extracted answers: a list of answer lists in benchmark order, or entries {question_id, code_list} / {question_id, test_id, pred_list} / {id, pred_list}',
    value: 'FILE',
    schema: z.string().min(1),
  }),
  scenario: flag({
    name: 'scenario',
    description:
      'codegeneration (generation), selfrepair, testoutputprediction (testprediction) or codeexecution (execution)',
    value: 'S',
    schema: scenarioSchema,
  }),
  timeout: flag({
    name: 'timeout',
    description:
      "seconds per test (code generation, self-repair) and per prediction (test output); code execution uses LCB's fixed 3 s",
    value: 'S',
    schema: z.coerce.number().int().min(1).max(3600).default(6),
    defaultText: '6',
  }),
  grader: graderFlag,
  outputDir: flag({
    name: 'output-dir',
    description: 'where the result files and the resume journal go (default: beside --predictions)',
    value: 'DIR',
    schema: z.string().min(1).optional(),
  }),
  memory: flag({
    name: 'memory',
    description: 'address-space limit of each graded program in MiB (LCB sets none)',
    value: 'MB',
    schema: z.coerce.number().int().min(256).optional(),
    defaultText: '8192',
  }),
  json: flag({
    name: 'json',
    description: 'print one JSON object (metrics, files, counts) instead of text',
    schema: z.boolean().default(false),
  }),
  ...datasetFlags,
  sandboxSlots: { ...sandboxFlags.sandboxSlots, aliases: ['num_process_evaluate'] },
  unsafeNoSandbox: sandboxFlags.unsafeNoSandbox,
};

async function readPredictions(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(path, `invalid JSON: ${(error as Error).message}`);
  }
}

/** `custom_evaluator`'s output name: `F[:-5] + "_{scenario}_output.json"`, in `--output-dir` when given. */
function outputPathFor(predictions: string, scenario: LcbScenario, outputDir: string | undefined): string {
  const stem = basename(predictions).replace(/\.json$/, '');
  return join(outputDir ?? dirname(predictions), `${stem}_${scenario}_output.json`);
}

function progressReporter(stderr: NodeJS.WritableStream): (done: number, total: number) => void {
  const tty = (stderr as NodeJS.WriteStream).isTTY === true;
  let shown = -1;
  return (done, total) => {
    const tenth = Math.floor((done / Math.max(total, 1)) * 10);
    if (tty) stderr.write(`\rgraded ${done}/${total}${done === total ? '\n' : ''}`);
    else if (tenth !== shown || done === total) {
      shown = tenth;
      stderr.write(`graded ${done}/${total}\n`);
    }
  };
}

/** The `grade` command. */
export const gradeCommand = defineCommand({
  name: 'grade',
  summary: "grade externally produced answers (LCB custom_evaluator formats) and write LCB's result files",
  description:
    "Reads answers that are already extracted (code for codegeneration/selfrepair, predicted outputs for testoutputprediction/codeexecution) in the formats of LCB's custom_evaluator, loads the benchmark (sorted as LCB sorts it), grades every answer in the sandbox with LCB's rules, and writes <predictions>_<scenario>_output.json, ..._output_eval.json and ..._output_eval_all.json, byte-compatible with upstream's files. Finished verdicts go to ..._output.journal.jsonl: rerunning the same command after a kill grades only what is left. Exit 5 when sandbox infrastructure errors left answers ungraded (rerun to retry them).",
  flags,
  examples: [
    'hrm-lcb grade --predictions answers.json --scenario codegeneration --dataset sample',
    'hrm-lcb grade --predictions preds.json --scenario codeexecution --dataset ~/lcb --output-dir out/',
  ],
  async run({ flags: f, stdout, stderr, signal }) {
    const predictions = await readPredictions(f.predictions);
    const selection = datasetSelection(f);
    const outputPath = outputPathFor(f.predictions, f.scenario, f.outputDir);
    const settings = digest({
      scenario: f.scenario,
      grader: f.grader,
      timeout: f.timeout,
      memory: f.memory ?? null,
      dataset: selection.dataset,
      release: f.releaseVersion,
      notFast: f.notFast,
    });
    const journal = await GradeJournal.open(outputPath.replace(/\.json$/, '.journal.jsonl'), settings);
    const sandbox = await createSandboxFromFlags(f, { stderr });
    const options = {
      mode: f.grader,
      timeoutSeconds: f.timeout,
      ...(f.memory === undefined ? {} : { memoryBytes: f.memory * 1024 * 1024 }),
      concurrency: sandbox.slots * 2,
      signal,
      onProgress: f.json ? undefined : progressReporter(stderr),
    };
    let files: LcbResultFiles;
    let run: GradeRunResult<unknown>;
    let answers = 0;
    try {
      if (f.scenario === 'codegeneration' || f.scenario === 'selfrepair') {
        const set = await openCodeGeneration(selection.dataset, selection);
        const keys = set.problems.map((p) => p.question_id);
        const aligned = alignPredictions(f.predictions, predictions, f.scenario, keys);
        answers = aligned.reduce((sum, list) => sum + list.length, 0);
        const byId = new Map(keys.map((key, i) => [key, aligned[i]!]));
        const result = await gradeCodeGeneration(sandbox, set, answers, byId, journal, options);
        run = result;
        files = codegenResultFiles(result.graded, { withMetadata: f.scenario === 'codegeneration' });
      } else if (f.scenario === 'testoutputprediction') {
        const loaded = await loadTestOutputPrediction(selection.dataset, selection);
        const keys = loaded.problems.map(testOutputPredictionKey);
        const aligned = alignPredictions(f.predictions, predictions, f.scenario, keys);
        answers = aligned.reduce((sum, list) => sum + list.length, 0);
        const result = await gradeTestOutput(sandbox, loaded.problems, aligned, journal, options);
        run = result;
        files = testOutputResultFiles(result.graded);
      } else {
        const loaded = await loadCodeExecution(selection.dataset, selection);
        const keys = loaded.problems.map(codeExecutionKey);
        const aligned = alignPredictions(f.predictions, predictions, f.scenario, keys);
        answers = aligned.reduce((sum, list) => sum + list.length, 0);
        const result = await gradeCodeExecution(sandbox, loaded.problems, aligned, journal, options);
        run = result;
        files = codeExecutionResultFiles(result.graded);
      }
    } finally {
      journal.close();
      await sandbox.close();
    }
    const incomplete = run.graded.filter((g) => !g.complete).length;
    if (signal.aborted) {
      stderr.write(`hrm-lcb: interrupted; ${journal.size} finished verdicts are kept in ${journal.path}\n`);
      return EXIT.interrupted;
    }
    if (incomplete > 0 || run.infrastructureErrors.length > 0) {
      for (const e of run.infrastructureErrors.slice(0, 5))
        stderr.write(`hrm-lcb: sandbox error on ${e.key}: ${e.message}\n`);
      stderr.write(
        `hrm-lcb: ${run.infrastructureErrors.length} runs hit sandbox infrastructure errors; no result files written\n` +
          `hrm-lcb: hint: rerun the same command to retry them (finished verdicts are kept in ${journal.path})\n`,
      );
      return EXIT.incomplete;
    }
    const names = { output: outputPath, ...evalFileNames(outputPath) };
    await writeFileAtomic(names.output, pyJsonDumps(files.output, 4));
    await writeFileAtomic(names.eval, pyJsonDumps(files.eval, 4));
    await writeFileAtomic(names.evalAll, pyJsonDumps(files.evalAll, 4));
    const metrics = (files.eval as unknown[])[0] as Record<string, unknown>;
    const { detail: _detail, ...summary } = metrics;
    if (f.json) {
      const out = {
        scenario: f.scenario,
        grader: f.grader,
        problems: run.graded.length,
        answers,
        reused: run.reused,
        metrics: summary,
        files: names,
      };
      stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      const scores = Object.entries(summary).map(
        ([k, v]) => `${k} ${typeof v === 'number' ? v.toFixed(4) : String(v)}`,
      );
      stdout.write(
        `${f.scenario} (--grader ${f.grader}): ${run.graded.length} problems, ${answers} answers` +
          `${run.reused > 0 ? ` (${run.reused} graded before, from the journal)` : ''}\n` +
          `${scores.join('  ')}\n` +
          `wrote ${names.output}\n      ${names.eval}\n      ${names.evalAll}\n`,
      );
    }
    return EXIT.ok;
  },
});

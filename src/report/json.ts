/**
 * The JSON reporter writes LCB's own result files (docs/lcb.md §8), byte for byte as upstream's
 * `json.dump(..., indent=4)` writes them, so LCB tooling (`compute_scores`, the leaderboard scripts) reads
 * our runs as its own:
 *
 *   results/Scenario.<scenario>_<n>_<temperature>[_cot].json   generations (§8.1)
 *   results/..._eval.json                                      metrics, per-problem results, metadata (§8.2)
 *   results/..._eval_all.json                                  generations + graded_list, pass@1 (§8.3)
 *
 * plus `summary.json` (our tables: pass@k per scenario × difficulty × platform × month). Problems are in
 * LCB's order (`problems.jsonl` is), results keyed by problem index as LCB keys them. Rows, metrics and the
 * code-execution result lists come from `grade/` (the same code `hrm-lcb grade` writes its files with);
 * files are streamed problem by problem, so a run of 100,000 generations never sits in memory.
 */
import { join } from 'node:path';
import type { JournalRow, ProblemRow } from '../contracts/journal.ts';
import type { LcbScenario } from '../contracts/lcb-problem.ts';
import { executionResultList } from '../grade/code-execution.ts';
import { lcbEvalAllRow, lcbEvalJson, lcbOutputRow } from '../grade/lcb-rows.ts';
import { generationCorrect, type ResultsByTask, type TestResult } from '../grade/pass-at-k.ts';
import { lcbOutputFileName } from '../grade/result-files.ts';
import { type PyJson, pyJsonDumps } from '../python/json-dumps.ts';
import { writeAtomicStream } from './atomic-stream.ts';
import type { Reporter, ReportInput } from './types.ts';

/** LCB's `json.dump` indent. */
const INDENT = 4;

/** The stem of a scenario's LCB files, e.g. `Scenario.codegeneration_10_0.2`. */
export function lcbFileStem(scenario: LcbScenario, n: number, temperature: number, cot: boolean): string {
  const samples = scenario === 'selfrepair' ? 1 : n; // LCB runs self-repair with --n 1
  const name = lcbOutputFileName(scenario, samples, temperature, scenario === 'codeexecution' && cot);
  return name.slice(0, -'.json'.length);
}

/**
 * A problem's graded rows as LCB's per-generation result lists; code execution's list is built from
 * each prediction's outcome by `executionResultList` (skipped predictions dropped, `[False] * n` when all are).
 */
export function lcbResults(scenario: LcbScenario, graded: readonly JournalRow[]): TestResult[][] {
  if (scenario !== 'codeexecution') return graded.map((row) => row.results);
  const outcomes = graded.map((row) => (row.skipped ? 'skipped' : row.passed));
  return executionResultList(outcomes).map((passed) => [passed]);
}

/** A streamed top-level list whose text is `json.dumps(items, indent=4)`. */
class PyJsonListWriter {
  private first = true;
  constructor(private readonly write: (text: string) => Promise<unknown>) {}
  async item(value: PyJson): Promise<void> {
    await this.write(`${this.first ? '[' : ','}\n${' '.repeat(INDENT)}${pyJsonDumps(value, INDENT, 1)}`);
    this.first = false;
  }
  async close(): Promise<void> {
    await this.write(this.first ? '[]' : '\n]');
  }
}

interface ScenarioFiles {
  generations: string;
  eval: string;
  evalAll: string;
}

async function writeScenario(
  input: ReportInput,
  scenario: LcbScenario,
  problems: readonly ProblemRow[],
  files: ScenarioFiles,
): Promise<void> {
  const withMetadata = scenario === 'codegeneration' || scenario === 'selfrepair';
  const results: ResultsByTask = {};
  const metadata: string[][] = [];
  await writeAtomicStream(files.generations, async (writeGenerations) => {
    await writeAtomicStream(files.evalAll, async (writeEvalAll) => {
      const generations = new PyJsonListWriter(writeGenerations);
      const evalAll = new PyJsonListWriter(writeEvalAll);
      for (const [index, problem] of problems.entries()) {
        const rows = (await input.samples(scenario, problem.problem_id)).filter(
          (row) => row.status === 'graded',
        );
        const outputRow = lcbOutputRow(
          scenario,
          problem.record,
          rows.map((row) => row.output),
          rows.map((row) => row.extracted),
        );
        const lists = lcbResults(scenario, rows);
        results[String(index)] = lists;
        const extra: Record<string, PyJson> = {};
        if (withMetadata) {
          extra.metadata = rows.map((row) => row.metadata ?? '{}');
          metadata.push(extra.metadata as string[]);
        }
        if (scenario === 'selfrepair') extra.original_code_list = rows.map((row) => row.original_code ?? '');
        await generations.item(outputRow);
        await evalAll.item(lcbEvalAllRow(outputRow, lists.map(generationCorrect), extra));
      }
      await generations.close();
      await evalAll.close();
    });
  });
  await writeAtomicStream(files.eval, async (write) => {
    await write(pyJsonDumps(lcbEvalJson(scenario, results, metadata), INDENT));
  });
}

/** Writes LCB's result files and summary.json. */
export const jsonReporter: Reporter = {
  name: 'json',
  description: 'LCB result files in results/ (generations, _eval.json, _eval_all.json) and summary.json',
  async write(input) {
    const { config } = input.manifest;
    const written: string[] = [];
    const dir = join(input.runDir, 'results');
    for (const scenario of config.scenarios) {
      const problems = input.problems.filter((row) => row.scenario === scenario);
      if (problems.length === 0) continue;
      const stem = join(
        dir,
        lcbFileStem(scenario, config.sampling.n, config.sampling.temperature, config.cot_code_execution),
      );
      const files = {
        generations: `${stem}.json`,
        eval: `${stem}_eval.json`,
        evalAll: `${stem}_eval_all.json`,
      };
      await writeScenario(input, scenario, problems, files);
      written.push(files.generations, files.eval, files.evalAll);
    }
    const summaryFile = join(input.runDir, 'summary.json');
    await writeAtomicStream(summaryFile, async (write) => {
      const body = {
        fingerprint: input.manifest.fingerprint,
        config,
        shard: input.manifest.shard,
        ...input.summary,
      };
      await write(`${JSON.stringify(body, null, 2)}\n`);
    });
    written.push(summaryFile);
    return written;
  },
};

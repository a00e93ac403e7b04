/**
 * The JSON reporter writes LCB's own result files (docs/lcb.md §8), so LCB tooling (`compute_scores`, the
 * leaderboard scripts) reads our runs as its own:
 *
 *   results/Scenario.<scenario>_<n>_<temperature>[_cot].json   generations (§8.1)
 *   results/..._eval.json                                      metrics, per-problem results, metadata (§8.2)
 *   results/..._eval_all.json                                  generations + graded_list, pass@1 (§8.3)
 *
 * plus `summary.json` (our tables: pass@k per scenario × difficulty × platform × month). Problems are in
 * LCB's order (`problems.jsonl` is), results keyed by problem index as LCB keys them. Files are streamed
 * problem by problem, so a run of 100,000 generations never sits in memory.
 */
import { join } from 'node:path';
import type { JournalRow, ProblemRow } from '../contracts/journal.ts';
import type { LcbScenario } from '../contracts/lcb-problem.ts';
import { computeMetricsFromResults, passAtK, type ResultsByTask } from '../grade/pass-at-k.ts';
import { writeAtomicStream } from './atomic-stream.ts';
import { kListOf } from './summary.ts';
import type { Reporter, ReportInput } from './types.ts';

/** Python `str(float)` of a temperature, as LCB's file names spell it (`0.2`, `0.0`, `1e-05`). */
export function pythonFloatText(value: number): string {
  if (Number.isInteger(value)) return `${value}.0`;
  const text = String(value);
  const match = /^(-?[\d.]+)e([+-])(\d+)$/.exec(text);
  return match === null ? text : `${match[1]}e${match[2]}${match[3]!.padStart(2, '0')}`;
}

/** The stem of a scenario's LCB files, e.g. `Scenario.codegeneration_10_0.2`. */
export function lcbFileStem(scenario: LcbScenario, n: number, temperature: number, cot: boolean): string {
  const samples = scenario === 'selfrepair' ? 1 : n; // LCB runs self-repair with --n 1
  const suffix = scenario === 'codeexecution' && cot ? '_cot' : '';
  return `Scenario.${scenario}_${samples}_${pythonFloatText(temperature)}${suffix}`;
}

/** Each row's generations in LCB's shape: the result list code execution keeps (skipped removed). */
function lcbResults(scenario: LcbScenario, rows: readonly JournalRow[]): (boolean | number)[][] {
  const graded = rows.filter((row) => row.status === 'graded');
  if (scenario !== 'codeexecution') return graded.map((row) => row.results);
  const kept = graded.filter((row) => !row.skipped);
  // evaluate_score: all predictions skipped → [False] * len(predictions)
  if (kept.length === 0) return graded.map(() => [false]);
  return kept.map((row) => [row.passed]);
}

/** A streamed JSON array with LCB's `indent=4` layout. */
class JsonArrayWriter {
  private first = true;
  constructor(private readonly write: (text: string) => Promise<unknown>) {}
  async open(): Promise<void> {
    await this.write('[');
  }
  async item(value: unknown): Promise<void> {
    const text = JSON.stringify(value, null, 4).replaceAll('\n', '\n    ');
    await this.write(`${this.first ? '' : ','}\n    ${text}`);
    this.first = false;
  }
  async close(): Promise<void> {
    await this.write(this.first ? ']\n' : '\n]\n');
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
  const predictionKey =
    scenario === 'codegeneration' || scenario === 'selfrepair' ? 'code_list' : 'pred_list';
  const withMetadata = scenario === 'codegeneration' || scenario === 'selfrepair';
  const results: ResultsByTask = {};
  const metadata: string[][] = [];
  await writeAtomicStream(files.generations, async (writeGenerations) => {
    await writeAtomicStream(files.evalAll, async (writeEvalAll) => {
      const generations = new JsonArrayWriter(writeGenerations);
      const evalAll = new JsonArrayWriter(writeEvalAll);
      await generations.open();
      await evalAll.open();
      for (const [index, problem] of problems.entries()) {
        const rows = (await input.samples(scenario, problem.problem_id)).filter(
          (row) => row.status === 'graded',
        );
        const outputs = {
          output_list: rows.map((row) => row.output),
          [predictionKey]: rows.map((row) => row.extracted),
        };
        const lists = lcbResults(scenario, rows);
        results[String(index)] = lists;
        if (withMetadata) metadata.push(rows.map((row) => row.metadata ?? '{}'));
        await generations.item({ ...problem.record, ...outputs });
        const graded = lists.map((list) => list.every((entry) => Number(entry) > 0));
        const row: Record<string, unknown> = {
          ...problem.record,
          ...outputs,
          graded_list: graded,
          'pass@1': graded.length === 0 ? 0 : graded.filter(Boolean).length / graded.length,
        };
        if (withMetadata) row.metadata = rows.map((r) => r.metadata ?? '{}');
        if (scenario === 'selfrepair') row.original_code_list = rows.map((r) => r.original_code ?? '');
        await evalAll.item(row);
      }
      await generations.close();
      await evalAll.close();
    });
  });
  await writeAtomicStream(files.eval, async (write) => {
    await write(`${JSON.stringify(evalFile(scenario, results, metadata), null, 4)}\n`);
  });
}

/** The `_eval.json` content of a scenario (docs/lcb.md §8.2). */
export function evalFile(scenario: LcbScenario, results: ResultsByTask, metadata: string[][]): unknown[] {
  if (scenario === 'codeexecution') {
    // compute_code_execution_metrics: sum of per-problem pass@1 / count * 100, summed left to right
    const lists = Object.values(results);
    let sum = 0;
    for (const list of lists) sum += passAtK(list.length, list.filter((r) => r[0] === true).length, 1);
    return [{ 'pass@1': lists.length === 0 ? 0 : (sum / lists.length) * 100 }, results];
  }
  const metrics = computeMetricsFromResults(results, kListOf(scenario));
  return scenario === 'testoutputprediction' ? [metrics, results] : [metrics, results, metadata];
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

/**
 * The baseline of `bench/evaluate-scale`'s report phase: what a straightforward reporter does. It reads the
 * whole journal into memory, parses every row, groups rows by problem, builds LCB's `_eval_all.json` as one
 * array and writes it with one `JSON.stringify`. Prints `pass@1` and the graded lists' digest on stdout.
 *
 *   node --import tsx bench/evaluate-scale/naive-report.ts RUN_DIR OUT_FILE
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Row {
  scenario: string;
  problem_id: string;
  sample: number;
  output: string;
  extracted: string;
  passed: boolean;
}

const [runDir, outFile] = process.argv.slice(2) as [string, string];
const rows = readFileSync(join(runDir, 'journal.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as Row);
const problems = readFileSync(join(runDir, 'problems.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as { problem_id: string; record: Record<string, unknown> });
const byProblem = new Map<string, Row[]>();
for (const row of rows) {
  const list = byProblem.get(row.problem_id) ?? [];
  list.push(row);
  byProblem.set(row.problem_id, list);
}
const evalAll = problems.map((problem) => {
  const mine = (byProblem.get(problem.problem_id) ?? []).sort((a, b) => a.sample - b.sample);
  const graded = mine.map((row) => row.passed);
  return {
    ...problem.record,
    output_list: mine.map((row) => row.output),
    pred_list: mine.map((row) => row.extracted),
    graded_list: graded,
    'pass@1': graded.filter(Boolean).length / graded.length,
  };
});
writeFileSync(outFile, JSON.stringify(evalAll, null, 4));
const passAt1 = evalAll.reduce((sum, row) => sum + row['pass@1'], 0) / evalAll.length;
const digest = createHash('sha256')
  .update(JSON.stringify(evalAll.map((row) => row.graded_list)))
  .digest('hex');
process.stdout.write(`${JSON.stringify({ passAt1, digest })}\n`);

/**
 * The workload of `bench/evaluate-scale`: a test-output-prediction data set of many rows cloned from the
 * embedded sample (new ids, contest dates spread over 24 months, difficulties kept), and a replay file with
 * `n` outputs per row, right or wrong by a fixed pattern so the expected score is known exactly.
 */
import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadReferences, loadTestOutputPrediction } from '../../src/lcb/index.ts';

/** What the generated workload holds. */
export interface Workload {
  datasetDir: string;
  replayFile: string;
  rows: number;
  samples: number;
  /** samples answered correctly (the pass@1 numerator over all samples) */
  correct: number;
  /** mean over rows of c/n: LCB's pass@1 */
  passAt1: number;
}

/** Whether sample `s` of row `i` is answered right: 3 in 4, varying by row. */
export function answeredRight(i: number, s: number): boolean {
  return (i + s) % 4 !== 0;
}

/** Write the data set and replay into `root`. */
export async function writeWorkload(root: string, rows: number, n: number): Promise<Workload> {
  const { problems } = await loadTestOutputPrediction('sample');
  const refs = (await loadReferences('sample')).testOutputPrediction;
  const datasetDir = join(root, 'dataset');
  await mkdir(join(datasetDir, 'test_generation'), { recursive: true });
  const data: string[] = [];
  const replay: string[] = [];
  let correct = 0;
  let sumRate = 0;
  for (let i = 0; i < rows; i += 1) {
    const base = problems[i % problems.length]!;
    const ref = refs.get(`${base.question_id}/${base.test_id}`)!;
    const questionId = `bench${String(i).padStart(6, '0')}`;
    const month = i % 24;
    const date = `${2023 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-15T00:00:00`;
    data.push(
      JSON.stringify({
        question_title: `${base.question_title}-${i}`,
        question_content: base.question_content,
        question_id: questionId,
        contest_id: `bench-${month}`,
        contest_date: date,
        difficulty: base.difficulty,
        test: JSON.stringify(base.test),
        starter_code: base.starter_code,
        function_name: base.function_name,
        test_id: 0,
      }),
    );
    const outputs: string[] = [];
    let right = 0;
    for (let s = 0; s < n; s += 1) {
      const ok = answeredRight(i, s);
      if (ok) right += 1;
      outputs.push(
        `\`\`\`python\nassert ${base.function_name}(x) == ${ok ? ref.output : ref.wrong_output}\n\`\`\``,
      );
    }
    correct += right;
    sumRate += right / n;
    replay.push(JSON.stringify({ scenario: 'testoutputprediction', problem_id: `${questionId}/0`, outputs }));
  }
  writeFileSync(join(datasetDir, 'test_generation', 'test.jsonl'), `${data.join('\n')}\n`);
  const replayFile = join(root, 'replay.jsonl');
  writeFileSync(replayFile, `${replay.join('\n')}\n`);
  return { datasetDir, replayFile, rows, samples: rows * n, correct, passAt1: sumRate / rows };
}

/**
 * LCB's metrics (`evaluation/pass_k_utils.py`): the unbiased pass@k estimator, `compute_metrics_from_results`
 * and `extract_instance_results`, reproduced to the last bit of float64, including numpy's summation
 * order for `.mean()`.
 */

/** One entry of a generation's result list: `true`/`false` or a code `-1 … -5` (§6.7). */
export type TestResult = boolean | number;

/** Per-task result lists, one list per generation; task ids as JSON turns them into strings. */
export type ResultsByTask = Record<string, TestResult[][]>;

/** LCB's `k` list for code generation and self-repair. */
export const CODEGEN_K_LIST = [1, 5, 10, 20, 40, 50, 75, 100, 125, 150, 200, 500, 1000] as const;
/** LCB's `k` list for test output prediction. */
export const TEST_OUTPUT_K_LIST = [1, 5] as const;

/** `estimator(n, c, k)`: 1 − C(n−c, k)/C(n, k) as a float64 product in ascending i, like `np.prod`. */
export function passAtK(n: number, c: number, k: number): number {
  if (n - c < k) return 1.0;
  let product = 1.0;
  for (let i = n - c + 1; i <= n; i += 1) product *= 1.0 - k / i;
  return 1.0 - product;
}

const PAIRWISE_BLOCK = 128;
const NUMPY_BUFFER = 8192;

/** numpy's `pairwise_sum_DOUBLE` over `values[start, start+n)`. */
function pairwiseSum(values: readonly number[], start: number, n: number): number {
  if (n < 8) {
    let sum = 0.0;
    for (let i = 0; i < n; i += 1) sum += values[start + i]!;
    return sum;
  }
  if (n <= PAIRWISE_BLOCK) {
    const r = values.slice(start, start + 8) as number[];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j += 1) r[j]! += values[start + i + j]!;
    }
    let sum = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i += 1) sum += values[start + i]!;
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, n - half);
}

/** `np.array(values).mean()` for float64: pairwise sums of 8192-element chunks, then a division. */
export function numpyMean(values: readonly number[]): number {
  let sum = 0.0;
  for (let start = 0; start < values.length; start += NUMPY_BUFFER) {
    sum += pairwiseSum(values, start, Math.min(NUMPY_BUFFER, values.length - start));
  }
  return sum / values.length;
}

/** `np.all(np.array(generation) > 0)`: every entry positive (`True` counts as 1); `[]` is correct. */
export function generationCorrect(generation: readonly TestResult[]): boolean {
  return generation.every((entry) => (typeof entry === 'boolean' ? entry : entry > 0));
}

/** The `compute_metrics_from_results` object: `pass@k` means plus `detail` per task. */
export interface PassAtKMetrics {
  [key: `pass@${number}`]: number;
  detail: Record<string, Record<string, number>>;
}

/**
 * `compute_metrics_from_results(results, k_list)`: a `pass@k` only for the k where every task has at
 * least k generations; `detail["pass@k"][task_id]` per task, in the order the tasks were given.
 */
export function computeMetricsFromResults(results: ResultsByTask, kList: readonly number[]): PassAtKMetrics {
  const taskIds = Object.keys(results);
  const totals = taskIds.map((id) => results[id]!.length);
  const corrects = taskIds.map((id) => results[id]!.filter(generationCorrect).length);
  const metrics: PassAtKMetrics = { detail: {} };
  for (const k of kList) {
    if (!totals.every((n) => n >= k)) continue;
    const perTask = totals.map((n, i) => passAtK(n, corrects[i]!, k));
    metrics[`pass@${k}`] = numpyMean(perTask);
    metrics.detail[`pass@${k}`] = Object.fromEntries(taskIds.map((id, i) => [id, perTask[i]!]));
  }
  // key order as upstream's dict: every pass@k first, then detail
  const { detail, ...means } = metrics;
  return { ...means, detail } as PassAtKMetrics;
}

/** `extract_instance_results`: per task (sorted by id as upstream sorts int keys), one bool per generation. */
export function extractInstanceResults(results: ResultsByTask): boolean[][] {
  return Object.keys(results)
    .sort((a, b) => Number(a) - Number(b))
    .map((id) => results[id]!.map((generation) => generation.every((entry) => Number(entry) > 0)));
}

/**
 * Load any scenario through one call, for callers that treat scenarios alike (listings, planners): the
 * typed problems plus a uniform view of each (key, difficulty, platform, date, errata). Self-repair reads
 * the code-generation problems, as LCB does.
 */
import type {
  CodeExecutionProblem,
  CodeGenerationMeta,
  Difficulty,
  ErrataMark,
  LcbScenario,
  Platform,
  TestOutputPredictionProblem,
} from '../contracts/lcb-problem.ts';
import { codeExecutionView, loadCodeExecution } from './code-execution.ts';
import {
  type CodeGenerationLoadOptions,
  type CodeGenerationSet,
  codeGenerationView,
  openCodeGeneration,
} from './code-generation.ts';
import type { FilterView } from './filters.ts';
import { codeExecutionKey, codeGenerationKey, testOutputPredictionKey } from './keys.ts';
import type { LoadReport } from './load-options.ts';
import type { DatasetLayout } from './location.ts';
import { loadTestOutputPrediction, testOutputPredictionView } from './test-output-prediction.ts';

/** The scenario-independent view of one selected problem. */
export interface SelectedItem {
  /** the problem's key in its scenario (question_id, question_id/test_id, or id) */
  key: string;
  difficulty: Difficulty | null;
  platform: Platform | null;
  contest_date_us: number | null;
  errata: ErrataMark | null;
}

/** A scenario's selected problems, typed by scenario, with the load report and uniform items. */
export type ScenarioSelection = LoadReport & { items: SelectedItem[] } & (
    | { scenario: 'codegeneration' | 'selfrepair'; set: CodeGenerationSet; problems: CodeGenerationMeta[] }
    | { scenario: 'testoutputprediction'; problems: TestOutputPredictionProblem[] }
    | { scenario: 'codeexecution'; problems: CodeExecutionProblem[] }
  );

function item(key: string, view: FilterView): SelectedItem {
  return {
    key,
    difficulty: view.difficulty,
    platform: view.platform,
    contest_date_us: view.contest_date_us,
    errata: view.errata,
  };
}

/** Load one scenario's selected problems (code generation as metadata; its tests load through `set`). */
export async function loadSelectedScenario(
  layout: DatasetLayout,
  scenario: LcbScenario,
  options: CodeGenerationLoadOptions,
): Promise<ScenarioSelection> {
  if (scenario === 'codegeneration' || scenario === 'selfrepair') {
    const set = await openCodeGeneration(layout, options);
    const items = set.problems.map((p) => item(codeGenerationKey(p), codeGenerationView(p)));
    return { scenario, set, problems: set.problems, items, ...reportOf(set) };
  }
  if (scenario === 'testoutputprediction') {
    const result = await loadTestOutputPrediction(layout, options);
    const items = result.problems.map((p) => item(testOutputPredictionKey(p), testOutputPredictionView(p)));
    return { scenario, items, ...result };
  }
  const result = await loadCodeExecution(layout, options);
  const items = result.problems.map((p) => item(codeExecutionKey(p), codeExecutionView(p)));
  return { scenario, items, ...result };
}

function reportOf(report: LoadReport): LoadReport {
  return {
    files: report.files,
    rows: report.rows,
    invalid: report.invalid,
    unmatched_question_ids: report.unmatched_question_ids,
  };
}

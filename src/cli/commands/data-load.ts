/**
 * What the `data` commands share: loading the selected problems of each scenario with the dataset flags,
 * and reporting skipped rows and unmatched ids the same way everywhere.
 */
import type { LcbScenario } from '../../contracts/lcb-problem.ts';
import type { InputError } from '../../core/errors.ts';
import { type CompiledFilter, compileFilter, type DatasetLayout, resolveDataset } from '../../lcb/index.ts';
import { loadSelectedScenario, type ScenarioSelection } from '../../lcb/selection.ts';
import { type DatasetFlagValues, datasetSelection } from '../flags/dataset-flags.ts';

/** The problems each requested scenario selected, with the resolved layout and filter. */
export interface LoadedDataset {
  layout: DatasetLayout;
  filter: CompiledFilter;
  notFast: boolean;
  scenarios: ScenarioSelection[];
}

/** Scenarios present at a location, in LCB order (self-repair only when asked: it is the code-generation set). */
function availableScenarios(layout: DatasetLayout, notFast: boolean): LcbScenario[] {
  const found: LcbScenario[] = [];
  if ((notFast ? layout.codeGeneration : layout.codeGenerationLite) !== null) found.push('codegeneration');
  if (layout.testGeneration !== null) found.push('testoutputprediction');
  if (layout.execution !== null) found.push('codeexecution');
  return found;
}

/** Load the problems the flags select for each scenario (all present ones when `scenarios` is undefined). */
export async function loadFromFlags(
  flags: DatasetFlagValues,
  scenarios: readonly LcbScenario[] | undefined,
): Promise<LoadedDataset> {
  const selection = datasetSelection(flags);
  const layout = resolveDataset(selection.dataset);
  const filter = compileFilter(selection.filter);
  const wanted = scenarios ?? availableScenarios(layout, selection.notFast);
  const loaded: ScenarioSelection[] = [];
  for (const scenario of wanted) {
    loaded.push(
      await loadSelectedScenario(layout, scenario, {
        filter,
        skipInvalid: selection.skipInvalid,
        notFast: selection.notFast,
        checkTests: selection.checkTests,
      }),
    );
  }
  return { layout, filter, notFast: selection.notFast, scenarios: loaded };
}

/** Ids of `--question-ids` that no loaded scenario knows. */
export function unmatchedIds(dataset: LoadedDataset): string[] {
  const lists = dataset.scenarios.map((s) => new Set(s.unmatched_question_ids));
  return dataset.filter.question_ids.filter((id) => lists.length > 0 && lists.every((list) => list.has(id)));
}

/** Every row skipped under `--skip-invalid`, once (self-repair reads the same files as code generation). */
export function skippedRows(dataset: LoadedDataset): InputError[] {
  const seen = new Set<string>();
  const out: InputError[] = [];
  for (const scenario of dataset.scenarios) {
    for (const error of scenario.invalid) {
      if (seen.has(error.message)) continue;
      seen.add(error.message);
      out.push(error);
    }
  }
  return out;
}

const SHOWN_ISSUES = 20;

/** Write skipped rows and unmatched ids to stderr (the counts never hide: a skipped row is always reported). */
export function reportLoadIssues(dataset: LoadedDataset, stderr: NodeJS.WritableStream): void {
  const skipped = skippedRows(dataset);
  if (skipped.length > 0) {
    stderr.write(
      `hrm-lcb: skipped ${skipped.length} invalid row${skipped.length === 1 ? '' : 's'} (--skip-invalid):\n`,
    );
    for (const error of skipped.slice(0, SHOWN_ISSUES)) stderr.write(`  ${error.message}\n`);
    if (skipped.length > SHOWN_ISSUES) stderr.write(`  … and ${skipped.length - SHOWN_ISSUES} more\n`);
  }
  const unmatched = unmatchedIds(dataset);
  if (unmatched.length > 0) {
    stderr.write(`hrm-lcb: warning: --question-ids matched nothing for: ${unmatched.join(', ')}\n`);
  }
}

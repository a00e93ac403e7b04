/**
 * Plan a run: load each scenario's problems through the data layer (filtered and in LCB's order), keep the
 * shard's share, and turn each problem into a unit of work. Units are ordered longest first, self-repair
 * after every code-generation unit (a self-repair unit waits for its problem's code generation, which has
 * then always been started by some worker, so the wait cannot deadlock).
 */
import type { LcbScenario } from '../contracts/lcb-problem.ts';
import type { RunConfig, ShardSpec } from '../contracts/run.ts';
import {
  type CodeGenerationSet,
  type DatasetLayout,
  loadCodeExecution,
  loadReferences,
  loadTestOutputPrediction,
  openCodeGeneration,
  type References,
  resolveDataset,
  testOutputPredictionKey,
} from '../lcb/index.ts';
import { canonicalHash } from '../models/canonical.ts';
import { type OracleAnswer, type OracleLookup, pythonLiteralOfJson } from '../models/index.ts';
import type { CodegenSource } from './codegen-source.ts';
import type { Grading } from './grading.ts';
import { estimateCost, longestFirst } from './schedule.ts';
import { inShard } from './shard.ts';
import {
  codeExecutionUnit,
  codeGenerationUnit,
  selfRepairUnit,
  testOutputUnit,
  type Unit,
  type UnitContext,
} from './units.ts';

/** A planned run. */
export interface Plan {
  /** in scheduling order */
  units: Unit[];
  /** the same units in LCB's order per scenario (the order of `problems.jsonl` and LCB's result files) */
  ordered: Unit[];
  /** SHA-256 of the selected problem keys per scenario (before sharding) */
  selectionHash: string;
  /** the oracle's answers (reference solutions, true outputs) */
  oracle: OracleLookup;
  /** rows the data layer skipped under --skip-invalid, and requested ids that matched nothing */
  warnings: string[];
  close(): Promise<void>;
}

/** What planning needs besides the config. */
export interface PlanInput {
  config: RunConfig;
  shard: ShardSpec | null;
  grading: Grading;
  skipInvalid: boolean;
  /** decode every code-generation problem's tests while planning, so bad data stops the run before it starts */
  checkTests?: boolean;
  /** grading ms a previous attempt measured per `scenario\0problem` (resumed runs schedule by it) */
  measuredMs: ReadonlyMap<string, number>;
  /** self-repair's code-generation results and their sample count; required when selfrepair is planned */
  codegen?: { source: CodegenSource; samples: number };
}

function oracleFrom(references: References, answers: Map<string, OracleAnswer>): OracleLookup {
  return (scenario, problemId) => {
    if (scenario === 'codegeneration' || scenario === 'selfrepair') {
      const reference = references.codeGeneration.get(problemId);
      return reference === undefined ? undefined : { kind: 'code', code: reference.solution };
    }
    return answers.get(`${scenario}\u0000${problemId}`);
  };
}

/** Load, shard and turn into units the problems of every scenario in the config. */
export async function planRun(input: PlanInput): Promise<Plan> {
  const { config, shard } = input;
  const layout: DatasetLayout = resolveDataset(config.dataset.location);
  const options = { filter: config.dataset.filter, skipInvalid: input.skipInvalid };
  const ctx: UnitContext = {
    style: config.prompt_style,
    n: config.sampling.n,
    cot: config.cot_code_execution,
    grading: input.grading,
  };
  const cost = (scenario: LcbScenario, problemId: string, difficulty: string | null): number =>
    estimateCost(difficulty, input.measuredMs.get(`${scenario}\u0000${problemId}`));
  const wants = (scenario: LcbScenario): boolean => config.scenarios.includes(scenario);
  const selected: Record<string, string[]> = {};
  const select = (scenario: LcbScenario, id: string): void => {
    let list = selected[scenario];
    if (list === undefined) {
      list = [];
      selected[scenario] = list;
    }
    list.push(id);
  };
  const warnings: string[] = [];
  const units: Unit[] = [];
  const repairUnits: Unit[] = [];
  const answers = new Map<string, OracleAnswer>();
  const references = await loadReferences(layout);
  let codegenSet: CodeGenerationSet | undefined;

  if (wants('codegeneration') || wants('selfrepair')) {
    codegenSet = await openCodeGeneration(layout, {
      ...options,
      notFast: config.dataset.not_fast,
      checkTests: input.checkTests === true,
    });
    const set = codegenSet;
    noteLoad(warnings, 'code generation', set);
    const load = set.load.bind(set);
    for (const meta of set.problems) {
      const id = meta.question_id;
      if (wants('codegeneration')) select('codegeneration', id);
      if (wants('selfrepair')) select('selfrepair', id);
      if (!inShard(id, shard)) continue;
      if (wants('codegeneration'))
        units.push(codeGenerationUnit(meta, load, cost('codegeneration', id, meta.difficulty), ctx));
      if (wants('selfrepair')) {
        const codegen = input.codegen;
        if (codegen === undefined) throw new Error('self-repair planned without a code-generation source');
        repairUnits.push(
          selfRepairUnit(
            meta,
            load,
            cost('selfrepair', id, meta.difficulty),
            () => codegen.source.results(id),
            codegen.samples,
            ctx,
          ),
        );
      }
    }
  }
  if (wants('testoutputprediction')) {
    const loaded = await loadTestOutputPrediction(layout, options);
    noteLoad(warnings, 'test output prediction', loaded);
    for (const problem of loaded.problems) {
      const id = testOutputPredictionKey(problem);
      select('testoutputprediction', id);
      if (!inShard(problem.question_id, shard)) continue;
      const reference = references.testOutputPrediction.get(id);
      answers.set(`testoutputprediction\u0000${id}`, {
        kind: 'test-output',
        functionName: problem.function_name,
        input: problem.test[0]!.input,
        output: reference?.output ?? pythonLiteralOfJson(problem.test[0]!.output),
      });
      units.push(testOutputUnit(problem, id, cost('testoutputprediction', id, problem.difficulty), ctx));
    }
  }
  if (wants('codeexecution')) {
    const loaded = await loadCodeExecution(layout, options);
    noteLoad(warnings, 'code execution', loaded);
    for (const problem of loaded.problems) {
      select('codeexecution', problem.id);
      if (!inShard(problem.id, shard)) continue;
      answers.set(`codeexecution\u0000${problem.id}`, {
        kind: 'execution',
        input: problem.input,
        output: problem.output,
      });
      units.push(codeExecutionUnit(problem, cost('codeexecution', problem.id, problem.difficulty), ctx));
    }
  }
  const order: LcbScenario[] = ['codegeneration', 'selfrepair', 'testoutputprediction', 'codeexecution'];
  const all = [...units, ...repairUnits];
  return {
    units: [...longestFirst(units), ...longestFirst(repairUnits)],
    ordered: order.flatMap((scenario) => all.filter((unit) => unit.scenario === scenario)),
    selectionHash: canonicalHash(selected),
    oracle: oracleFrom(references, answers),
    warnings,
    close: async () => {
      await codegenSet?.close();
    },
  };
}

function noteLoad(
  warnings: string[],
  what: string,
  report: { invalid: readonly { message: string }[]; unmatched_question_ids: readonly string[] },
): void {
  if (report.invalid.length > 0)
    warnings.push(
      `${what}: skipped ${report.invalid.length} invalid rows (first: ${report.invalid[0]!.message})`,
    );
  if (report.unmatched_question_ids.length > 0) {
    warnings.push(`${what}: no problem has id ${report.unmatched_question_ids.join(', ')}`);
  }
}

/**
 * An evaluation run's resolved configuration and its manifest (`RUN_DIR/run.json`). The fingerprint is the
 * hash of everything that decides the scores (dataset selection, prompt style, extraction, grader mode and
 * timeout, model, sampling, scenarios); `--resume` and `merge` refuse runs whose fingerprints differ.
 * Operational settings (concurrency, sandbox slots, cache directory, shard) are outside the fingerprint.
 */
import { z } from 'zod';
import { LcbFilter } from './lcb-filter.ts';
import { LcbScenario } from './lcb-problem.ts';
import { PromptStyleSchema } from './lm-style.ts';
import { ModelSpec, SamplingParams } from './model.ts';

/** The manifest's format name; a different name is not a run directory. */
export const RUN_FORMAT = 'hrm-lcb/run';
/** The manifest's format version; other versions are refused with both numbers named. */
export const RUN_FORMAT_VERSION = 1;

/** Which data the run evaluates. */
export const RunDataset = z.object({
  /** `sample` or the dataset directory as given */
  location: z.string().min(1),
  filter: LcbFilter,
  /** read the un-pruned `code_generation` set (LCB `--not_fast`) */
  not_fast: z.boolean().default(false),
});
/** A run's dataset selection. */
export type RunDataset = z.output<typeof RunDataset>;

/** How generations are graded. */
export const RunGrading = z.object({
  /** `lcb` reproduces upstream's verdicts, quirks included; `fixed` fixes each quirk (docs/faithfulness.md) */
  mode: z.enum(['lcb', 'fixed']).default('lcb'),
  /** per-test time limit in whole seconds, as LCB's `--timeout` (default 6) */
  timeout_s: z.number().int().positive().default(6),
  /** code extraction rule; `lcb` = upstream `extract_code` & co. for the prompt style */
  extraction: z.enum(['lcb']).default('lcb'),
});
/** A run's grading settings. */
export type RunGrading = z.output<typeof RunGrading>;

/** Where self-repair takes its code-generation results from. */
export const SelfRepairSource = z.discriminatedUnion('kind', [
  /** the code-generation scenario of this same run */
  z.object({ kind: z.literal('same-run') }),
  /** another hrm-lcb run directory (its fingerprint is recorded) */
  z.object({ kind: z.literal('run'), dir: z.string().min(1), fingerprint: z.string() }),
  /** an LCB `Scenario.codegeneration_*_eval_all.json` file */
  z.object({ kind: z.literal('lcb-eval-all'), file: z.string().min(1), sha256: z.string() }),
]);
/** A self-repair source. */
export type SelfRepairSource = z.output<typeof SelfRepairSource>;

/** Everything that decides a run's scores. */
export const RunConfig = z.object({
  scenarios: z.array(LcbScenario).min(1),
  dataset: RunDataset,
  model: ModelSpec,
  /** an LCB `LMStyle` name hrm-lcb builds prompts for */
  prompt_style: PromptStyleSchema,
  sampling: SamplingParams,
  /** chain-of-thought prompt for code execution (LCB `--cot_code_execution`) */
  cot_code_execution: z.boolean().default(false),
  grading: RunGrading,
  /** set when `selfrepair` is among the scenarios */
  self_repair_source: SelfRepairSource.nullable().default(null),
  /** sha256 of the selected problem keys per scenario, so a resumed run sees the same problems */
  selection_hash: z.string(),
});
/** A resolved run configuration. */
export type RunConfig = z.output<typeof RunConfig>;

/** `--shard i/n`: this run evaluates the problems whose stable hash falls in shard `index` of `count`. */
export const ShardSpec = z
  .object({ index: z.number().int().positive(), count: z.number().int().positive() })
  .refine((shard) => shard.index <= shard.count, 'shard index must be between 1 and the shard count');
/** A shard. */
export type ShardSpec = z.output<typeof ShardSpec>;

/** Settings that change how fast a run goes, never its scores. */
export const RunOperations = z.object({
  /** sandbox slots grading in parallel (LCB `--num_process_evaluate`) */
  grading_slots: z.number().int().positive(),
  /** response cache directory, or null with `--no-cache` */
  cache_dir: z.string().nullable(),
});
/** A run's operational settings. */
export type RunOperations = z.output<typeof RunOperations>;

/** `RUN_DIR/run.json`. */
export const RunManifest = z.object({
  format: z.literal(RUN_FORMAT),
  version: z.number().int(),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  config: RunConfig,
  shard: ShardSpec.nullable(),
  operations: RunOperations,
  /** the shard run directories a merged run was made from */
  merged_from: z.array(z.string()).default([]),
  created_at: z.string(),
  hrm_lcb_version: z.string(),
});
/** A run manifest. */
export type RunManifest = z.output<typeof RunManifest>;

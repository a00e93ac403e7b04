/**
 * The dataset-selection flags every command that reads LCB problems shares (`data`, `grade`, `evaluate`):
 * where the data is, which release, which date window, platform, difficulty, ids, errata, bad-row policy
 * and subset. Seed spellings first; LCB's underscore spellings are aliases. Spread `datasetFlags` into a
 * command's flag table and turn the parsed values into loader options with `datasetSelection`.
 */
import { z } from 'zod';
import type { LcbFilterInput } from '../../contracts/lcb-filter.ts';
import { Difficulty, LcbScenario, Platform } from '../../contracts/lcb-problem.ts';
import { DEFAULT_RELEASE_VERSION, isReleaseVersion, parseDateBound, SAMPLE_NAME } from '../../lcb/index.ts';
import { flag } from '../define.ts';

const commaList = z
  .string()
  .transform((text) => text.split(',').map((item) => item.trim()))
  .refine((items) => items.every((item) => item !== ''), 'empty item in the comma-separated list');

const switchSchema = z.boolean().default(false);

function dateSchema() {
  return z
    .string()
    .refine((text) => parseDateBound(text) !== undefined, 'expected a calendar date YYYY-MM-DD')
    .optional();
}

/** Seed and LCB spellings of each scenario, mapped to LCB's `Scenario` value. */
export const SCENARIO_NAMES: Readonly<Record<string, LcbScenario>> = {
  codegeneration: 'codegeneration',
  generation: 'codegeneration',
  selfrepair: 'selfrepair',
  testoutputprediction: 'testoutputprediction',
  testprediction: 'testoutputprediction',
  codeexecution: 'codeexecution',
  execution: 'codeexecution',
};

/** A comma list of scenario names (seed or LCB spelling) → LCB scenario values, deduplicated, in LCB order. */
export const scenarioListSchema = commaList
  .refine((items) => items.every((item) => item in SCENARIO_NAMES), {
    message: `expected scenarios among ${Object.keys(SCENARIO_NAMES).join(', ')}`,
  })
  .transform((items) => {
    const wanted = new Set(items.map((item) => SCENARIO_NAMES[item]!));
    return LcbScenario.options.filter((scenario) => wanted.has(scenario));
  });

/** The shared dataset-selection flags. */
export const datasetFlags = {
  dataset: flag({
    name: 'dataset',
    description:
      'the data: a directory laid out like the Hugging Face downloads (docs/data.md), or `sample` for the embedded sample set',
    value: 'DIR',
    schema: z.string().min(1).default(SAMPLE_NAME),
    defaultText: SAMPLE_NAME,
  }),
  releaseVersion: flag({
    name: 'release-version',
    aliases: ['release_version'],
    description:
      'code-generation release: release_v1…release_v6 (cumulative), release_latest, vN (one file) or vA_vB (files A..B)',
    value: 'V',
    schema: z
      .string()
      .refine(isReleaseVersion, 'unknown version tag (release_vN, release_latest, vN or vA_vB)')
      .default(DEFAULT_RELEASE_VERSION),
    defaultText: DEFAULT_RELEASE_VERSION,
  }),
  notFast: flag({
    name: 'not-fast',
    aliases: ['not_fast'],
    description: 'read the un-pruned code_generation set (all tests) instead of code_generation_lite',
    schema: switchSchema,
  }),
  startDate: flag({
    name: 'start-date',
    aliases: ['start_date'],
    description: 'keep problems with contest_date >= this date at midnight',
    value: 'YYYY-MM-DD',
    schema: dateSchema(),
  }),
  endDate: flag({
    name: 'end-date',
    aliases: ['end_date'],
    description:
      'keep problems with contest_date <= this date at midnight (a problem at 18:30 that day is out)',
    value: 'YYYY-MM-DD',
    schema: dateSchema(),
  }),
  platform: flag({
    name: 'platform',
    description: `keep these platforms (comma-separated: ${Platform.options.join(', ')})`,
    value: 'P[,P]',
    schema: commaList.pipe(z.array(Platform)).optional(),
  }),
  difficulty: flag({
    name: 'difficulty',
    description: `keep these difficulties (comma-separated: ${Difficulty.options.join(', ')})`,
    value: 'D[,D]',
    schema: commaList.pipe(z.array(Difficulty)).optional(),
  }),
  questionIds: flag({
    name: 'question-ids',
    aliases: ['question_ids'],
    description: 'keep only these problems (comma-separated question_id, or id for code execution)',
    value: 'ID[,ID]',
    schema: commaList.optional(),
  }),
  excludeErrata: flag({
    name: 'exclude-errata',
    aliases: ['exclude_errata'],
    description: "drop problems on LCB's ERRATA list (by default they are kept and marked)",
    schema: switchSchema,
  }),
  skipInvalid: flag({
    name: 'skip-invalid',
    aliases: ['skip_invalid'],
    description: 'skip malformed rows and report them, instead of stopping at the first',
    schema: switchSchema,
  }),
  checkTests: flag({
    name: 'check-tests',
    aliases: ['check_tests'],
    description:
      'decode every test while loading, so undecodable private tests stop the load (or are skipped with --skip-invalid) before any problem is used',
    schema: switchSchema,
  }),
  evalSubsetSize: flag({
    name: 'eval-subset-size',
    aliases: ['eval_subset_size'],
    description: 'keep a seeded sample of N problems per scenario, stratified by difficulty',
    value: 'N',
    schema: z.coerce.number().int().positive().optional(),
  }),
  subsetSeed: flag({
    name: 'subset-seed',
    aliases: ['subset_seed'],
    description: 'seed of --eval-subset-size (same seed and data, same subset)',
    value: 'N',
    schema: z.coerce.number().int().nonnegative().default(0),
    defaultText: '0',
  }),
};

/** The parsed values of `datasetFlags`. */
export interface DatasetFlagValues {
  dataset: string;
  releaseVersion: string;
  notFast: boolean;
  startDate: string | undefined;
  endDate: string | undefined;
  platform: Platform[] | undefined;
  difficulty: Difficulty[] | undefined;
  questionIds: string[] | undefined;
  excludeErrata: boolean;
  skipInvalid: boolean;
  checkTests: boolean;
  evalSubsetSize: number | undefined;
  subsetSeed: number;
}

/** Loader inputs from the parsed flags: the dataset location, the filter and the bad-row policy. */
export function datasetSelection(flags: DatasetFlagValues): {
  dataset: string;
  filter: LcbFilterInput;
  skipInvalid: boolean;
  notFast: boolean;
  checkTests: boolean;
} {
  const filter: LcbFilterInput = {
    release_version: flags.releaseVersion,
    platform: flags.platform ?? [],
    difficulty: flags.difficulty ?? [],
    question_ids: flags.questionIds ?? [],
    exclude_errata: flags.excludeErrata,
    subset_seed: flags.subsetSeed,
  };
  if (flags.startDate !== undefined) filter.start_date = flags.startDate;
  if (flags.endDate !== undefined) filter.end_date = flags.endDate;
  if (flags.evalSubsetSize !== undefined) filter.subset_size = flags.evalSubsetSize;
  return {
    dataset: flags.dataset,
    filter,
    skipInvalid: flags.skipInvalid,
    notFast: flags.notFast,
    checkTests: flags.checkTests,
  };
}

/**
 * `hrm-lcb evaluate`: evaluate a model on LiveCodeBench (any of the four scenarios) into a resumable run
 * directory, and write the reports. Flags use the seed's spellings; LCB's `runner/main.py` names are aliases.
 * docs/evaluate.md walks through every flag, the run directory and every output file.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { ModelSpec } from '../../contracts/model.ts';
import type { RunConfig } from '../../contracts/run.ts';
import { EXIT, UserError } from '../../core/errors.ts';
import { evaluate, type RunConfigDraft } from '../../evaluate/evaluate.ts';
import { createJudgeGrading } from '../../evaluate/judge-grading.ts';
import { parseShard } from '../../evaluate/shard.ts';
import { DEFAULT_RELEASE_VERSION } from '../../lcb/index.ts';
import { parseModelPath } from '../../models/index.ts';
import { PROMPT_STYLES, parsePromptStyle } from '../../prompts/index.ts';
import { DEFAULT_REPORTERS } from '../../report/index.ts';
import { defineCommand, flag } from '../define.ts';
import { datasetFlags, datasetSelection, scenarioListSchema } from '../flags/dataset-flags.ts';
import { createSandboxFromFlags, sandboxFlags } from '../flags/sandbox-flags.ts';
import { reporterFlag, writeRunReports } from './report.ts';

const positiveInt = z.coerce.number().int().positive();
const commaList = z.string().transform((text) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

// Flags that decide scores have no schema default: `undefined` means "not given", so `--resume` can tell a
// flag the user typed (which must agree with run.json) from one left at its default.
const scoringFlags = {
  modelPath: flag({
    name: 'model-path',
    aliases: ['model', 'local_model_path'],
    description:
      "the model: a name served by --base-url (any OpenAI-compatible server), openai:NAME, oracle (the sample's true answers), replay:FILE (outputs from a file), or NAME:LOCATION of a registered back-end",
    value: 'MODEL',
    schema: z.string().min(1).optional(),
  }),
  baseUrl: flag({
    name: 'base-url',
    aliases: ['base_url'],
    description:
      'URL of the OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1 (vLLM, SGLang, Ollama, OpenAI)',
    value: 'URL',
    schema: z.string().url().optional(),
  }),
  scenarios: flag({
    name: 'scenarios',
    aliases: ['scenario'],
    description:
      'scenarios, comma-separated: generation, selfrepair, testprediction, execution (or LCB names)',
    value: 'S[,S]',
    schema: scenarioListSchema.optional(),
    defaultText: 'generation',
  }),
  promptStyle: flag({
    name: 'prompt-style',
    aliases: ['lm_style'],
    description: `LCB prompt style: ${PROMPT_STYLES.join(', ')} (or chat, single-message, reasoning, base)`,
    value: 'STYLE',
    schema: z
      .string()
      .refine((name) => parsePromptStyle(name) !== undefined, 'unknown prompt style')
      .transform((name) => parsePromptStyle(name)!)
      .optional(),
    defaultText: 'OpenAIChat',
  }),
  numSamples: flag({
    name: 'num-samples',
    aliases: ['n'],
    description: 'samples per problem (self-repair repairs each code-generation sample once)',
    value: 'N',
    schema: positiveInt.optional(),
    defaultText: '10',
  }),
  temperature: flag({
    name: 'temperature',
    description: 'sampling temperature',
    value: 'T',
    schema: z.coerce.number().min(0).max(2).optional(),
    defaultText: '0.2',
  }),
  topP: flag({
    name: 'top-p',
    aliases: ['top_p'],
    description: 'nucleus sampling mass',
    value: 'P',
    schema: z.coerce.number().gt(0).max(1).optional(),
    defaultText: '0.95',
  }),
  maxTokens: flag({
    name: 'max-tokens',
    aliases: ['max_tokens'],
    description: 'longest output, in tokens',
    value: 'N',
    schema: positiveInt.optional(),
    defaultText: '2000',
  }),
  stop: flag({
    name: 'stop',
    description: 'stop strings, comma-separated (LCB sends them to base models only)',
    value: 'S[,S]',
    schema: commaList.optional(),
    defaultText: '### for GenericBase, none otherwise',
  }),
  cotCodeExecution: flag({
    name: 'cot-code-execution',
    aliases: ['cot_code_execution'],
    description: 'chain-of-thought prompt for code execution',
    schema: z.boolean().optional(),
  }),
  timeoutSeconds: flag({
    name: 'timeout-seconds',
    aliases: ['timeout'],
    description: 'per-test time limit in whole seconds, as LCB grades',
    value: 'S',
    schema: positiveInt.optional(),
    defaultText: '6',
  }),
  grader: flag({
    name: 'grader',
    description: 'lcb: upstream verdicts, quirks included; fixed: each quirk fixed (docs/faithfulness.md)',
    value: 'MODE',
    schema: z.enum(['lcb', 'fixed']).optional(),
    defaultText: 'lcb',
  }),
};

/** The `evaluate` command's flags. */
const evaluateFlags = {
  ...scoringFlags,
  ...datasetFlags,
  outputDir: flag({
    name: 'output-dir',
    aliases: ['output_dir'],
    description: 'the run directory (created; with --resume, the run to continue)',
    value: 'DIR',
    schema: z.string().min(1).optional(),
    defaultText: 'runs/<model>_<scenarios>_<n>_<temperature>',
  }),
  resume: flag({
    name: 'resume',
    aliases: ['continue_existing', 'continue_existing_with_eval'],
    description: 'continue the run in --output-dir: finished samples are kept, the rest is done',
    schema: z.boolean().default(false),
  }),
  retryErrors: flag({
    name: 'retry-errors',
    aliases: ['retry_errors'],
    description: 'with --resume: redo samples that ended in infrastructure errors (never wrong answers)',
    schema: z.boolean().default(false),
  }),
  shard: flag({
    name: 'shard',
    description:
      'evaluate shard i of n (1-based) by a stable hash of problem ids; combine with hrm-lcb merge',
    value: 'i/n',
    schema: z.string().transform(parseShard).optional(),
  }),
  codegenRun: flag({
    name: 'codegen-run',
    aliases: ['codegen_run'],
    description:
      'self-repair input: an hrm-lcb run directory with code generation, or an LCB _eval_all.json file',
    value: 'DIR|FILE',
    schema: z.string().min(1).optional(),
  }),
  apiKeyEnv: flag({
    name: 'api-key-env',
    aliases: ['api_key_env'],
    description: 'environment variable holding the API key (the key is never written anywhere)',
    value: 'VAR',
    schema: z.string().min(1).default('OPENAI_API_KEY'),
    defaultText: 'OPENAI_API_KEY',
  }),
  concurrency: flag({
    name: 'concurrency',
    aliases: ['multiprocess'],
    description: 'model requests in flight at most (halved on 429/5xx, grown back on success)',
    value: 'N',
    schema: positiveInt.default(8),
    defaultText: '8',
  }),
  requestTimeout: flag({
    name: 'request-timeout',
    aliases: ['openai_timeout'],
    description: 'seconds before a model request is abandoned and retried',
    value: 'S',
    schema: positiveInt.default(90),
    defaultText: '90',
  }),
  maxAttempts: flag({
    name: 'max-attempts',
    aliases: ['max_attempts'],
    description: 'attempts per model request before the sample is recorded as an infrastructure error',
    value: 'N',
    schema: positiveInt.default(8),
    defaultText: '8',
  }),
  cacheDir: flag({
    name: 'cache-dir',
    aliases: ['cache_dir'],
    description: 'response cache directory (shareable between runs and shards)',
    value: 'DIR',
    schema: z.string().min(1).optional(),
    defaultText: 'DIR/cache',
  }),
  // commander reads `--no-X` as the negation of X: the value is `true` unless the flag is given
  cache: flag({
    name: 'no-cache',
    description: 'do not cache model responses',
    schema: z.boolean().default(true),
  }),
  reporter: reporterFlag,
  progress: flag({
    name: 'progress',
    description: 'progress display on stderr: auto (bar on a terminal, lines otherwise), bar, plain',
    value: 'MODE',
    schema: z.enum(['auto', 'bar', 'plain']).default('auto'),
    defaultText: 'auto',
  }),
  sandboxSlots: flag({ ...sandboxFlags.sandboxSlots, aliases: ['num_process_evaluate'] }),
  unsafeNoSandbox: sandboxFlags.unsafeNoSandbox,
};

type Flags = { [K in keyof typeof evaluateFlags]: z.output<(typeof evaluateFlags)[K]['schema']> };

function modelSpec(flags: Flags): ModelSpec {
  const value = flags.modelPath;
  if (value === undefined) {
    throw new UserError('--model-path is required', {
      hint: 'e.g. --model-path oracle, or --model-path NAME --base-url URL',
    });
  }
  const parsed = parseModelPath(value, flags.baseUrl);
  if (!('openai' in parsed)) return parsed;
  const base = flags.baseUrl ?? 'https://api.openai.com/v1';
  return {
    backend: 'openai',
    model: parsed.openai,
    base_url: base,
    api_key_env: flags.apiKeyEnv,
    concurrency: flags.concurrency,
    timeout_ms: flags.requestTimeout * 1000,
    max_attempts: flags.maxAttempts,
  };
}

function draftOf(flags: Flags): RunConfigDraft {
  const style = flags.promptStyle ?? 'OpenAIChat';
  const selection = datasetSelection(flags);
  return {
    scenarios: flags.scenarios ?? ['codegeneration'],
    dataset: {
      location: selection.dataset,
      filter: {
        release_version: DEFAULT_RELEASE_VERSION,
        platform: [],
        difficulty: [],
        question_ids: [],
        exclude_errata: false,
        subset_seed: 0,
        ...selection.filter,
      } as RunConfig['dataset']['filter'],
      not_fast: selection.notFast,
    },
    model: modelSpec(flags),
    prompt_style: style,
    sampling: {
      n: flags.numSamples ?? 10,
      temperature: flags.temperature ?? 0.2,
      top_p: flags.topP ?? 0.95,
      max_tokens: flags.maxTokens ?? 2000,
      stop: flags.stop ?? (style === 'GenericBase' ? ['###'] : []),
    },
    cot_code_execution: flags.cotCodeExecution ?? false,
    grading: { mode: flags.grader ?? 'lcb', timeout_s: flags.timeoutSeconds ?? 6, extraction: 'lcb' },
  };
}

/** A flag that decides scores was typed (dataset flags count when they differ from their defaults). */
function scoringFlagsGiven(flags: Flags): boolean {
  const mine = Object.keys(scoringFlags).some((key) => flags[key as keyof typeof scoringFlags] !== undefined);
  const data =
    flags.dataset !== 'sample' ||
    flags.releaseVersion !== DEFAULT_RELEASE_VERSION ||
    flags.notFast ||
    flags.startDate !== undefined ||
    flags.endDate !== undefined ||
    flags.platform !== undefined ||
    flags.difficulty !== undefined ||
    flags.questionIds !== undefined ||
    flags.excludeErrata ||
    flags.evalSubsetSize !== undefined ||
    flags.subsetSeed !== 0;
  return mine || data;
}

function slug(text: string): string {
  return (
    text
      .replace(/^[a-z]+:/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'model'
  );
}

function defaultOutputDir(draft: RunConfigDraft): string {
  const model =
    draft.model.backend === 'openai'
      ? draft.model.model
      : draft.model.backend === 'replay'
        ? `replay-${draft.model.file}`
        : draft.model.backend === 'plugin'
          ? draft.model.location
          : 'oracle';
  const scenarios = draft.scenarios.join('+');
  return join('runs', `${slug(model)}_${scenarios}_${draft.sampling.n}_${draft.sampling.temperature}`);
}

/** The `evaluate` command. */
export const evaluateCommand = defineCommand({
  name: 'evaluate',
  summary: 'evaluate a model on LiveCodeBench into a resumable run directory, with reports',
  description:
    "Builds LCB's exact prompts for the chosen scenarios, samples the model (an OpenAI-compatible server, the oracle, a replay file or a registered back-end), extracts and grades every sample in the sandbox as LCB does, and appends one row per (scenario, problem, sample) to the run's journal. Kill it at any point: --resume continues without redoing or losing finished samples. Writes LCB's result files, summary.csv/problems.csv, summary.json and an offline report.html. Exit 0 when every sample has a verdict, 5 when some are missing or ended in infrastructure errors (rerun with --resume [--retry-errors]), 130 when interrupted.",
  flags: evaluateFlags,
  examples: [
    'hrm-lcb evaluate --model-path oracle --scenarios generation,selfrepair,testprediction,execution --output-dir runs/oracle',
    'OPENAI_API_KEY=sk-... hrm-lcb evaluate --model-path gpt-4o-mini --base-url https://api.openai.com/v1 --dataset ~/lcb --release-version release_v6 --start-date 2025-01-01 --n 10',
    'hrm-lcb evaluate --model-path Qwen/Qwen2.5-Coder-7B --base-url http://127.0.0.1:8000/v1 --prompt-style GenericBase --shard 2/8 --output-dir runs/qwen-shard2',
    'hrm-lcb evaluate --resume --retry-errors --output-dir runs/oracle',
  ],
  async run({ flags, stdout, stderr, signal }) {
    if (flags.retryErrors && !flags.resume) {
      throw new UserError('--retry-errors continues a run', { hint: 'add --resume --output-dir DIR' });
    }
    const given = scoringFlagsGiven(flags);
    const draft: RunConfigDraft | undefined =
      flags.resume && flags.modelPath === undefined ? undefined : draftOf(flags);
    const outputDir = flags.outputDir ?? (draft === undefined ? undefined : defaultOutputDir(draft));
    if (outputDir === undefined) throw new UserError('--resume needs --output-dir DIR (the run to continue)');
    const slots = flags.sandboxSlots ?? availableParallelism();
    const outcome = await evaluate({
      outputDir,
      draft,
      codegenRun: flags.codegenRun,
      shard: flags.shard ?? null,
      operations: {
        grading_slots: slots,
        cache_dir: flags.cache ? (flags.cacheDir ?? join(outputDir, 'cache')) : null,
      },
      resume: flags.resume,
      retryErrors: flags.retryErrors,
      scoringFlagsGiven: given && draft !== undefined,
      skipInvalid: flags.skipInvalid,
      checkTests: flags.checkTests,
      createGrading: async (config) => {
        const sandbox = await createSandboxFromFlags(
          { sandboxSlots: slots, unsafeNoSandbox: flags.unsafeNoSandbox },
          { stderr },
        );
        return createJudgeGrading(sandbox, config.grading);
      },
      env: process.env,
      signal,
      stderr,
      version: packageVersion(),
      progress: {
        plain:
          flags.progress === 'plain' || (flags.progress === 'auto' && !(stderr as { isTTY?: boolean }).isTTY),
      },
    });
    if (outcome.interrupted) return EXIT.interrupted;
    return writeRunReports(outputDir, flags.reporter ?? [...DEFAULT_REPORTERS], { stdout, stderr });
  },
});

/** hrm-lcb's version, recorded in run.json. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

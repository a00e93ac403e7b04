/**
 * `hrm-lcb hrm`: look into HRM checkpoints, move them between PyTorch `.pt` and safetensors, and run the
 * model forward on a batch to compare with PyTorch (docs/hrm-model.md).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { EXIT, InputError, UserError } from '../../core/errors.ts';
import { batchFromTensorFile } from '../../hrm/batch.ts';
import { DTYPES } from '../../hrm/checkpoint/dtypes.ts';
import {
  type CheckpointFormat,
  formatForPath,
  readTensorFile,
  writeTensorFile,
} from '../../hrm/checkpoint/files.ts';
import { KEY_PREFIXES, stateDictToWeights, stripKeyPrefix } from '../../hrm/checkpoint/state-dict.ts';
import {
  fromFloat32,
  numel,
  type StoredTensor,
  type TensorFile,
  toFloat32,
} from '../../hrm/checkpoint/stored-tensor.ts';
import { compareTensorFiles } from '../../hrm/compare.ts';
import { type HrmConfig, hrmConfigToJson, parseHrmConfigJson } from '../../hrm/config.ts';
import { forwardRollout } from '../../hrm/forward-run.ts';
import { type CheckpointSummary, formatBytes, summariseCheckpoint } from '../../hrm/inspect.ts';
import type { LossType } from '../../hrm/loss-head.ts';
import { describeBackend } from '../../tensor/index.ts';
import { defineCommand, defineGroup, flag } from '../define.ts';

const jsonFlag = flag({
  name: 'json',
  description: 'print one JSON object on stdout instead of text',
  schema: z.boolean().default(false),
});

const configFlag = flag({
  name: 'config',
  description: "arch config JSON with upstream's names (as in a weights file's `config` metadata)",
  value: 'CFG.json',
  schema: z.string().optional(),
});

/** Read an arch config JSON file. */
async function readConfigFile(path: string): Promise<HrmConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseHrmConfigJson(text, path);
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function renderSummary(path: string, format: CheckpointFormat, summary: CheckpointSummary): string {
  const lines = [
    `${path}: ${format}, ${summary.tensors.length} tensors, ${formatCount(summary.total_elements)} elements, ${formatBytes(summary.total_bytes)}`,
  ];
  const width = Math.max(3, ...summary.tensors.map((t) => t.key.length));
  lines.push('', `${'key'.padEnd(width)}  dtype  shape`);
  for (const t of summary.tensors)
    lines.push(`${t.key.padEnd(width)}  ${t.dtype.padEnd(5)}  [${t.shape.join(', ')}]`);
  const other = Object.entries(summary.metadata).filter(([key]) => key !== 'config');
  if (other.length > 0) lines.push('', `metadata: ${other.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  lines.push('');
  if (summary.hrm === undefined) {
    lines.push(`not an HRM state dict (${summary.not_hrm})`);
    return lines.join('\n');
  }
  const hrm = summary.hrm;
  lines.push(`HRM state dict, keys ${hrm.prefix === '' ? '(no prefix)' : `${hrm.prefix}*`}`);
  lines.push(`parameters (model.parameters()): ${formatCount(hrm.parameter_count)}`);
  if (hrm.config !== undefined) {
    lines.push(`config (from the file's metadata): ${JSON.stringify(hrmConfigToJson(hrm.config))}`);
  } else {
    const implied = Object.entries(hrm.implied).map(([k, v]) => `${k} ${v}`);
    lines.push(`config implied by the shapes: ${implied.join(', ')}`);
    lines.push(`not stored in the weights (give them with --config): ${hrm.unknown.join(', ')}`);
  }
  return lines.join('\n');
}

const inspect = defineCommand({
  name: 'inspect',
  summary: 'print the keys, shapes, dtypes, parameter count and implied config of a checkpoint',
  description:
    'Print every tensor of a safetensors or PyTorch .pt file (format sniffed from the bytes, so upstream `step_<N>` files without extension work), the parameter count and the HRM arch config it carries or its shapes imply.',
  args: [{ name: 'FILE', description: '.safetensors or torch.save file', required: true }],
  flags: { json: jsonFlag },
  examples: [
    'hrm-lcb hrm inspect ../shared/fixtures/hrm/tiny_a/weights.pt',
    'hrm-lcb hrm inspect checkpoints/step_1000 --json',
  ],
  async run({ args, flags, stdout }) {
    const path = args[0]!;
    const file = await readTensorFile(path);
    const summary = summariseCheckpoint(file, path);
    if (flags.json) stdout.write(`${JSON.stringify({ path, format: file.format, ...summary })}\n`);
    else stdout.write(`${renderSummary(path, file.format, summary)}\n`);
    return 0;
  },
});

/** Cast float tensors to f32 or bf16; H_init/L_init keep their dtype (they carry forward_dtype). */
function castFloats(tensor: StoredTensor, key: string, dtype: 'f32' | 'bf16'): StoredTensor {
  if (!DTYPES[tensor.dtype].isFloat || /(^|\.)(H_init|L_init)$/.test(key)) return tensor;
  const target = dtype === 'f32' ? 'F32' : 'BF16';
  return tensor.dtype === target ? tensor : fromFloat32(toFloat32(tensor), tensor.shape, target);
}

const convert = defineCommand({
  name: 'convert',
  summary: 'convert a checkpoint between PyTorch .pt and safetensors',
  description:
    "Rewrite a checkpoint in the format OUT's extension names (.safetensors, or .pt/.pth/none for torch.save). Tensors, keys and metadata are kept unless --key-prefix or --dtype say otherwise; --config attaches an arch config (checked against the shapes) so later commands need no --config.",
  args: [
    { name: 'IN', description: '.safetensors or torch.save file', required: true },
    { name: 'OUT', description: 'output path; its extension picks the format', required: true },
  ],
  flags: {
    keyPrefix: flag({
      name: 'key-prefix',
      description: `rename the HRM key prefix: keep, ${KEY_PREFIXES.join(', ')} (_orig_mod.model.inner. = a pretrain.py checkpoint)`,
      value: 'PREFIX',
      schema: z.enum(['keep', ...KEY_PREFIXES]).default('keep'),
      defaultText: 'keep',
    }),
    dtype: flag({
      name: 'dtype',
      description: 'store float tensors as f32 or bf16 (H_init/L_init keep forward_dtype), or keep them',
      value: 'keep|f32|bf16',
      schema: z.enum(['keep', 'f32', 'bf16']).default('keep'),
      defaultText: 'keep',
    }),
    config: configFlag,
  },
  examples: [
    'hrm-lcb hrm convert ../shared/fixtures/hrm/tiny_c_ckpt/step_0 step_0.safetensors',
    'hrm-lcb hrm convert model.safetensors step_1000 --key-prefix _orig_mod.model.inner.',
  ],
  async run({ args, flags, stdout }) {
    const [input, output] = args as [string, string];
    const format = formatForPath(output);
    const file = await readTensorFile(input);
    const metadata = { ...file.metadata };
    if (flags.config !== undefined) {
      const config = await readConfigFile(flags.config);
      stateDictToWeights(file, config, input); // throws, naming keys, when the config does not fit
      metadata.config = JSON.stringify(hrmConfigToJson(config));
    }
    const { prefix } = stripKeyPrefix(file);
    if (flags.keyPrefix !== 'keep' && prefix === '' && !file.tensors.has('embed_tokens.embedding_weight')) {
      throw new UserError(
        `--key-prefix: ${input} is not an HRM state dict, so it has no key prefix to rename`,
      );
    }
    const tensors = new Map<string, StoredTensor>();
    for (const [key, tensor] of file.tensors) {
      const renamed = flags.keyPrefix === 'keep' ? key : flags.keyPrefix + key.slice(prefix.length);
      tensors.set(renamed, flags.dtype === 'keep' ? tensor : castFloats(tensor, key, flags.dtype));
    }
    const out: TensorFile = { tensors, metadata };
    await writeTensorFile(output, out, format);
    const elements = [...tensors.values()].reduce((sum, t) => sum + numel(t.shape), 0);
    stdout.write(`wrote ${output} (${format}, ${tensors.size} tensors, ${formatCount(elements)} elements)\n`);
    return 0;
  },
});

const forward = defineCommand({
  name: 'forward',
  summary: "run K eval-mode ACT steps on a batch and write every step's outputs",
  description:
    "Load weights (.pt or .safetensors, any upstream key prefix), run K ACT steps in eval mode from the initial carry on a batch file, and write step{k}.logits, step{k}.q_halt_logits, step{k}.q_continue_logits, step{k}.steps and step{k}.halted for k = 1..K in the naming and dtypes of the golden fixture eval_steps.safetensors. With labels in the batch it also prints each step's loss and metrics. Compare the output with the same rollout in PyTorch after moving weights.",
  flags: {
    config: configFlag,
    weights: flag({
      name: 'weights',
      description: 'model weights, .pt or .safetensors',
      value: 'FILE',
      schema: z.string({ error: 'is required' }),
    }),
    batch: flag({
      name: 'batch',
      description:
        'tensor file with inputs [B, S], puzzle_identifiers [B] and optionally labels [B, S] (integers)',
      value: 'FILE',
      schema: z.string({ error: 'is required' }),
    }),
    steps: flag({
      name: 'steps',
      description: 'ACT steps K to run',
      value: 'K',
      schema: z.coerce.number().int().positive().optional(),
      defaultText: "the config's halt_max_steps",
    }),
    out: flag({
      name: 'out',
      description: 'output .safetensors file',
      value: 'OUT.safetensors',
      schema: z.string({ error: 'is required' }),
    }),
    withCarry: flag({
      name: 'with-carry',
      description: 'also write step{k}.z_H and step{k}.z_L, the carry after each step',
      schema: z.boolean().default(false),
    }),
    lossType: flag({
      name: 'loss-type',
      aliases: ['loss_type'],
      description: 'cross entropy for the printed loss: stablemax_cross_entropy or softmax_cross_entropy',
      value: 'TYPE',
      schema: z.enum(['stablemax_cross_entropy', 'softmax_cross_entropy']).default('stablemax_cross_entropy'),
      defaultText: 'stablemax_cross_entropy',
    }),
    json: jsonFlag,
  },
  examples: [
    'hrm-lcb hrm forward --config cfg.json --weights ../shared/fixtures/hrm/tiny_a/weights.pt --batch ../shared/fixtures/hrm/tiny_a/eval_batch.safetensors --steps 4 --out steps.safetensors',
  ],
  async run({ flags, stdout, stderr, signal }) {
    if (formatForPath(flags.out) !== 'safetensors') {
      throw new UserError(`--out: ${flags.out} must end in .safetensors`);
    }
    const weightsFile = await readTensorFile(flags.weights);
    let config: HrmConfig;
    if (flags.config !== undefined) config = await readConfigFile(flags.config);
    else if (weightsFile.metadata.config !== undefined)
      config = parseHrmConfigJson(weightsFile.metadata.config, flags.weights);
    else {
      throw new UserError(`${flags.weights} carries no arch config; pass --config CFG.json`, {
        hint: '`hrm-lcb hrm inspect` shows what the weights imply; num_heads and the cycle counts are not in them',
      });
    }
    const weights = stateDictToWeights(weightsFile, config, flags.weights);
    const batch = batchFromTensorFile(await readTensorFile(flags.batch), config, flags.batch);
    const steps = flags.steps ?? config.halt_max_steps;
    if (!flags.json)
      stderr.write(`hrm-lcb: ${batch.rows} rows x ${steps} ACT steps on ${describeBackend()}\n`);
    const started = performance.now();
    let lastReport = started;
    const result = forwardRollout(config, weights, batch, batch.rows, {
      steps,
      withCarry: flags.withCarry,
      lossType: flags.lossType as LossType,
      onProgress: ({ rows, step }) => {
        if (signal.aborted) throw new UserError('interrupted', { exitCode: EXIT.interrupted });
        const now = performance.now();
        if (!flags.json && now - lastReport > 2000) {
          stderr.write(
            `hrm-lcb: rows ${rows}/${batch.rows}, step ${step}/${steps} (${((now - started) / 1000).toFixed(1)} s)\n`,
          );
          lastReport = now;
        }
      },
    });
    if (!flags.json) {
      result.losses.forEach((loss, i) => {
        const m = loss.metrics;
        stdout.write(
          `step ${i + 1}: loss ${loss.loss.toFixed(6)} lm_loss ${m.lm_loss.toFixed(6)} q_halt_loss ${m.q_halt_loss.toFixed(6)} count ${m.count} exact_accuracy ${m.exact_accuracy} accuracy ${m.accuracy.toFixed(4)}${loss.allHalted ? ' (all halted)' : ''}\n`,
        );
      });
    }
    const seconds = (performance.now() - started) / 1000;
    await writeTensorFile(flags.out, {
      tensors: result.tensors,
      metadata: { config: JSON.stringify(hrmConfigToJson(config)), weights: flags.weights },
    });
    if (flags.json) {
      const losses = result.losses.map((l, i) => ({
        step: i + 1,
        loss: l.loss,
        all_halted: l.allHalted,
        metrics: l.metrics,
      }));
      stdout.write(`${JSON.stringify({ out: flags.out, rows: batch.rows, steps, seconds, losses })}\n`);
    } else
      stdout.write(
        `wrote ${flags.out} (${result.tensors.size} tensors, ${steps} steps, ${seconds.toFixed(2)} s)\n`,
      );
    return 0;
  },
});

const compare = defineCommand({
  name: 'compare',
  summary: 'compare two tensor files tensor by tensor (e.g. our forward output against PyTorch)',
  description:
    'Compare every tensor of ACTUAL with the tensor of the same name in EXPECTED (.safetensors or .pt): floats within --atol + --rtol * max|expected|, integers and bools exactly. Prints the max difference per tensor; exits 1 when any tensor differs or EXPECTED has tensors ACTUAL lacks.',
  args: [
    { name: 'ACTUAL', description: 'tensor file to check', required: true },
    { name: 'EXPECTED', description: 'reference tensor file', required: true },
  ],
  flags: {
    atol: flag({
      name: 'atol',
      description: 'absolute tolerance for float tensors',
      value: 'X',
      schema: z.coerce.number().min(0).default(1e-4),
      defaultText: '1e-4',
    }),
    rtol: flag({
      name: 'rtol',
      description: 'tolerance relative to the largest |expected| value of each tensor',
      value: 'X',
      schema: z.coerce.number().min(0).default(0),
      defaultText: '0',
    }),
    ignoreMissing: flag({
      name: 'ignore-missing',
      description:
        'do not fail on tensors only EXPECTED has (e.g. z_H/z_L when forward ran without --with-carry)',
      schema: z.boolean().default(false),
    }),
    json: jsonFlag,
  },
  examples: [
    'hrm-lcb hrm compare steps.safetensors ../shared/fixtures/hrm/tiny_a/eval_steps.safetensors --ignore-missing',
  ],
  async run({ args, flags, stdout }) {
    const [actualPath, expectedPath] = args as [string, string];
    const report = compareTensorFiles(await readTensorFile(actualPath), await readTensorFile(expectedPath), {
      atol: flags.atol,
      rtol: flags.rtol,
    });
    if (flags.ignoreMissing) report.ok = report.tensors.every((t) => t.ok);
    if (flags.json) {
      stdout.write(`${JSON.stringify(report)}\n`);
      return report.ok ? EXIT.ok : EXIT.checkFailed;
    }
    const width = Math.max(3, ...report.tensors.map((t) => t.key.length));
    for (const t of report.tensors) {
      const detail =
        t.problem ??
        (t.limit === 0
          ? `${t.maxAbsDiff} elements differ`
          : `max |diff| ${t.maxAbsDiff.toExponential(3)} (limit ${t.limit.toExponential(3)})`);
      stdout.write(`${t.ok ? 'ok  ' : 'DIFF'}  ${t.key.padEnd(width)}  ${detail}\n`);
    }
    const missing = flags.ignoreMissing ? 'missing' : 'MISSING';
    for (const key of report.onlyInExpected) stdout.write(`${missing}  ${key} (only in ${expectedPath})\n`);
    for (const key of report.onlyInActual) stdout.write(`extra    ${key} (only in ${actualPath})\n`);
    const bad = report.tensors.filter((t) => !t.ok).length;
    stdout.write(
      report.ok
        ? `all ${report.tensors.length} common tensors agree\n`
        : `${bad} of ${report.tensors.length} tensors differ, ${report.onlyInExpected.length} missing from ${actualPath}\n`,
    );
    return report.ok ? EXIT.ok : EXIT.checkFailed;
  },
});

/** `hrm-lcb hrm ...` */
export const hrmCommand = defineGroup({
  name: 'hrm',
  summary: 'HRM checkpoints: inspect, convert between .pt and safetensors, run forward, compare outputs',
  commands: [inspect, convert, forward, compare],
});

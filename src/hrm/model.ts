/**
 * The Hierarchical Reasoning Model with ACT, following docs/hrm.md §4–5 in order (upstream
 * `models/hrm/hrm_act_v1.py`): input embedding (§4.1), H and L reasoning modules with input injection
 * (§4.6), H_cycles x L_cycles with the one-step gradient (§4.7), the heads (§4.7 steps 4–5), and the ACT
 * wrapper with its carry, halting, exploration and Q-learning target (§5). Everything runs in float32 on
 * buffers allocated once for a fixed batch size; the backward mirrors the differentiated part only.
 *
 * Dims: B batch, S tokens, P puzzle slots, T = P + S, D hidden, V vocab.
 */
import { add, linearBackward, linearForward, type Rng, Tensor, zeros } from '../tensor/index.ts';
import { type HrmConfig, type HrmDims, hrmDims } from './config.ts';
import {
  type BlockActivations,
  type BlockContext,
  type BlockWeights,
  blockActivations,
  blockBackward,
  blockForward,
  blockScratch,
} from './layers/block.ts';
import { type EmbeddingWeights, InputEmbedding } from './layers/embeddings.ts';
import { hrmRopeTables } from './layers/rope.ts';
import { ParamBuffers } from './weights.ts';

/** One batch as upstream's loader yields it (int32, row-major). */
export interface HrmBatch {
  /** [B * S] token ids */
  inputs: Int32Array;
  /** [B * S] target ids, -100 = ignore; needed for the loss only */
  labels?: Int32Array;
  /** [B] puzzle-embedding row of each example */
  puzzleIdentifiers: Int32Array;
}

/** The ACT carry (upstream `HierarchicalReasoningModel_ACTV1Carry`), kept across calls. */
export interface HrmCarry {
  /** [B, T, D] high-level state */
  zH: Tensor;
  /** [B, T, D] low-level state */
  zL: Tensor;
  /** [B] ACT steps taken on the current example */
  steps: Int32Array;
  /** [B] 1 when the row halted in the last call (it is reset at the start of the next) */
  halted: Uint8Array;
  /** the examples the rows are working on */
  currentData: Required<HrmBatch>;
}

/** What one ACT call returns (upstream `outputs`); buffers are reused by the next call. */
export interface ActOutputs {
  /** [B, S, V] */
  logits: Tensor;
  /** [B] q[:, 0] */
  qHaltLogits: Float32Array;
  /** [B] q[:, 1] */
  qContinueLogits: Float32Array;
  /** [B] sigmoid target of q_continue; training only */
  targetQContinue: Float32Array | undefined;
}

/** Options of one ACT call. */
export interface ActOptions {
  /** train mode: Q halting, exploration, target Q and saved activations for `backward` */
  training: boolean;
  /** source of exploration draws; required when training with halt_exploration_prob > 0 */
  rng?: Rng;
}

interface ModuleWeights {
  blocks: BlockWeights[];
}

/** One reasoning module's saved call: its input (z + injection) and each block's activations. */
interface SavedModuleCall {
  /** [B, T, D] z + injection */
  input: Tensor;
  blocks: BlockActivations[];
}

function blockWeights(buffers: ParamBuffers, dims: HrmDims, prefix: string): BlockWeights {
  const { D, I } = dims;
  const view = (name: string, shape: number[]) => new Tensor(buffers.get(`${prefix}.${name}`), shape);
  return {
    attn: { qkv: view('self_attn.qkv_proj.weight', [3 * D, D]), o: view('self_attn.o_proj.weight', [D, D]) },
    mlp: { gateUp: view('mlp.gate_up_proj.weight', [2 * I, D]), down: view('mlp.down_proj.weight', [D, I]) },
  };
}

function moduleWeights(
  buffers: ParamBuffers,
  dims: HrmDims,
  level: 'H_level' | 'L_level',
  layers: number,
): ModuleWeights {
  return {
    blocks: Array.from({ length: layers }, (_, i) => blockWeights(buffers, dims, `${level}.layers.${i}`)),
  };
}

function headWeights(buffers: ParamBuffers, dims: HrmDims) {
  return {
    lm: new Tensor(buffers.get('lm_head.weight'), [dims.V, dims.D]),
    q: new Tensor(buffers.get('q_head.weight'), [2, dims.D]),
    qBias: new Tensor(buffers.get('q_head.bias'), [2]),
  };
}

function embeddingWeights(buffers: ParamBuffers, dims: HrmDims): EmbeddingWeights {
  return {
    tokens: new Tensor(buffers.get('embed_tokens.embedding_weight'), [dims.V, dims.D]),
    positions: buffers.has('embed_pos.embedding_weight')
      ? new Tensor(buffers.get('embed_pos.embedding_weight'), [dims.T, dims.D])
      : undefined,
  };
}

/** Gradient buffers: every trainable parameter (the puzzle embedding's gradient is the embedding's own). */
function gradientBuffers(weights: ParamBuffers): ParamBuffers {
  return new ParamBuffers(weights.table.filter((p) => p.kind === 'parameter'));
}

/** The HRM for one fixed batch size, over weights laid out by the parameter table. */
export class HrmModel {
  readonly dims: HrmDims;
  /** gradients of the parameters from the last `backward` (accumulated; see `zeroGrad`) */
  readonly grads: ParamBuffers | undefined;
  readonly embedding: InputEmbedding;
  private readonly ctx: BlockContext;
  private readonly H: ModuleWeights;
  private readonly L: ModuleWeights;
  private readonly heads: ReturnType<typeof headWeights>;
  private readonly dH: ModuleWeights | undefined;
  private readonly dL: ModuleWeights | undefined;
  private readonly dHeads: ReturnType<typeof headWeights> | undefined;
  private readonly dEmbedding: EmbeddingWeights | undefined;
  // buffers, allocated once: [B, T, D] unless noted
  private readonly x: Tensor; // input embedding
  private readonly injection: Tensor; // z_H + x
  private readonly scratchActs: BlockActivations; // every call without gradient
  private readonly savedL: SavedModuleCall | undefined;
  private readonly savedH: SavedModuleCall | undefined;
  private readonly gradient: Tensor | undefined; // backward's running gradient
  private readonly targetZH: Tensor; // z_H, z_L copies for the target-Q call
  private readonly targetZL: Tensor;
  private readonly outputs: ActOutputs;
  private readonly targetQ: { halt: Float32Array; cont: Float32Array; target: Float32Array };
  private readonly qLogits: Tensor; // [B, 2]
  private lastCall: { training: boolean; inputs: Int32Array } | undefined;

  /**
   * `trainable` allocates gradients and the activations the backward needs; inference-only models
   * (`hrm forward`, evaluation) skip them.
   */
  constructor(
    readonly config: HrmConfig,
    readonly weights: ParamBuffers,
    readonly batchSize: number,
    options: { trainable?: boolean } = {},
  ) {
    const dims = hrmDims(config);
    this.dims = dims;
    const { T, D, S, V } = dims;
    const B = batchSize;
    const trainable = options.trainable ?? false;
    this.ctx = {
      rope: hrmRopeTables(config, dims),
      numHeads: config.num_heads,
      eps: config.rms_norm_eps,
      scratch: blockScratch(B, dims),
    };
    this.H = moduleWeights(weights, dims, 'H_level', config.H_layers);
    this.L = moduleWeights(weights, dims, 'L_level', config.L_layers);
    this.heads = headWeights(weights, dims);
    const puzzleTable = weights.has('puzzle_emb.weights') ? weights.get('puzzle_emb.weights') : undefined;
    this.embedding = new InputEmbedding(config, dims, B, embeddingWeights(weights, dims), puzzleTable);
    this.x = zeros([B, T, D]);
    this.injection = zeros([B, T, D]);
    this.scratchActs = blockActivations(B, dims);
    this.targetZH = zeros([B, T, D]);
    this.targetZL = zeros([B, T, D]);
    this.outputs = {
      logits: zeros([B, S, V]),
      qHaltLogits: new Float32Array(B),
      qContinueLogits: new Float32Array(B),
      targetQContinue: undefined,
    };
    this.targetQ = { halt: new Float32Array(B), cont: new Float32Array(B), target: new Float32Array(B) };
    this.qLogits = zeros([B, 2]);
    if (trainable) {
      this.grads = gradientBuffers(weights);
      this.dH = moduleWeights(this.grads, dims, 'H_level', config.H_layers);
      this.dL = moduleWeights(this.grads, dims, 'L_level', config.L_layers);
      this.dHeads = headWeights(this.grads, dims);
      this.dEmbedding = embeddingWeights(this.grads, dims);
      const saved = (layers: number): SavedModuleCall => ({
        input: zeros([B, T, D]),
        blocks: Array.from({ length: layers }, () => blockActivations(B, dims)),
      });
      this.savedL = saved(config.L_layers);
      this.savedH = saved(config.H_layers);
      this.gradient = zeros([B, T, D]);
    }
  }

  /** Upstream `initial_carry`: every row halted, so the first call resets all of them. */
  initialCarry(): HrmCarry {
    const { T, D, S } = this.dims;
    const B = this.batchSize;
    return {
      zH: zeros([B, T, D]),
      zL: zeros([B, T, D]),
      steps: new Int32Array(B),
      halted: new Uint8Array(B).fill(1),
      currentData: {
        inputs: new Int32Array(B * S),
        labels: new Int32Array(B * S),
        puzzleIdentifiers: new Int32Array(B),
      },
    };
  }

  /** Zero the parameter gradients (they accumulate across `backward` calls, like PyTorch's .grad). */
  zeroGrad(): void {
    this.grads?.data.fill(0);
  }

  // ---- §4.6 reasoning module: z <- blocks(z + injection) -------------------------------------------------

  /** In place on z [B, T, D], without gradient (intermediate cycles, eval, target Q). */
  private moduleForward(z: Tensor, injection: Tensor, module: ModuleWeights): void {
    add(z, z, injection); // input injection (add)
    for (const w of module.blocks) blockForward(z, z, w, this.scratchActs, this.ctx);
  }

  /** The differentiated call: saves z + injection and every block's activations; writes the output to z. */
  private moduleForwardSaved(
    z: Tensor,
    injection: Tensor,
    module: ModuleWeights,
    saved: SavedModuleCall,
  ): void {
    add(saved.input, z, injection);
    let input = saved.input;
    module.blocks.forEach((w, i) => {
      const acts = saved.blocks[i]!;
      blockForward(acts.y, input, w, acts, this.ctx);
      input = acts.y;
    });
    z.data.set(input.data);
  }

  /** In place on d: gradient of the module output in, gradient of (z + injection) out. */
  private moduleBackward(
    d: Tensor,
    module: ModuleWeights,
    dModule: ModuleWeights,
    saved: SavedModuleCall,
  ): void {
    for (let i = module.blocks.length - 1; i >= 0; i -= 1) {
      const input = i === 0 ? saved.input : saved.blocks[i - 1]!.y;
      blockBackward(d, input, module.blocks[i]!, dModule.blocks[i]!, saved.blocks[i]!, this.ctx);
    }
  }

  // ---- §4.7 inner forward: one ACT step with the one-step gradient ----------------------------------------

  /**
   * Updates zH, zL in place. `differentiate` saves the final L and H calls for `backward`; `withLogits`
   * computes the lm head (the target-Q call needs only q). q logits go to `qHalt`, `qContinue`.
   */
  private inner(
    zH: Tensor,
    zL: Tensor,
    qHalt: Float32Array,
    qContinue: Float32Array,
    differentiate: boolean,
    withLogits: boolean,
  ): void {
    const { H_cycles, L_cycles } = this.config;
    const x = this.x;
    const injection = this.injection;
    add(injection, zH, x); // z_H + input embedding
    // 1. without gradient: every cycle but the last L and H calls
    for (let h = 0; h < H_cycles; h += 1) {
      for (let l = 0; l < L_cycles; l += 1) {
        if (h === H_cycles - 1 && l === L_cycles - 1) continue;
        this.moduleForward(zL, injection, this.L); // z_L <- L(z_L, z_H + x)
      }
      if (h < H_cycles - 1) {
        this.moduleForward(zH, zL, this.H); // z_H <- H(z_H, z_L)
        add(injection, zH, x);
      }
    }
    // 2. the one differentiated step (3. the carry it leaves in zH, zL is detached by construction)
    if (differentiate) {
      this.moduleForwardSaved(zL, injection, this.L, this.savedL!);
      this.moduleForwardSaved(zH, zL, this.H, this.savedH!);
    } else {
      this.moduleForward(zL, injection, this.L);
      this.moduleForward(zH, zL, this.H);
    }
    // 4. logits = lm_head(z_H) with the puzzle slots dropped: [B, S, V]
    const { P, T } = this.dims;
    if (withLogits) {
      for (let b = 0; b < this.batchSize; b += 1) {
        linearForward(this.outputs.logits.select(0, b), zH.select(0, b).narrow(0, P, T), this.heads.lm);
      }
    }
    // 5. q = q_head(z_H[:, 0]): q_halt = q[:, 0], q_continue = q[:, 1]
    linearForward(this.qLogits, zH.select(1, 0), this.heads.q, this.heads.qBias);
    for (let b = 0; b < this.batchSize; b += 1) {
      qHalt[b] = this.qLogits.data[2 * b]!;
      qContinue[b] = this.qLogits.data[2 * b + 1]!;
    }
  }

  // ---- §5 ACT wrapper ----------------------------------------------------------------------------------

  /** Upstream `HierarchicalReasoningModel_ACTV1.forward`: updates `carry` in place and returns the outputs. */
  forward(carry: HrmCarry, batch: HrmBatch, options: ActOptions): ActOutputs {
    const { training } = options;
    if (training && this.grads === undefined) throw new Error('HrmModel: built without trainable buffers');
    this.resetHalted(carry, batch);
    const data = carry.currentData;
    this.embedding.forward(this.x, data.inputs, data.puzzleIdentifiers);
    const out = this.outputs;
    this.inner(carry.zH, carry.zL, out.qHaltLogits, out.qContinueLogits, training, true);
    this.lastCall = { training, inputs: data.inputs };
    // the rest runs without gradient
    const { halt_max_steps: maxSteps, halt_exploration_prob: exploreProb } = this.config;
    const B = this.batchSize;
    const isLast = new Uint8Array(B);
    for (let b = 0; b < B; b += 1) {
      carry.steps[b]! += 1;
      isLast[b] = carry.steps[b]! >= maxSteps ? 1 : 0;
      carry.halted[b] = isLast[b]!;
    }
    out.targetQContinue = undefined;
    if (!training || maxSteps <= 1) return out; // eval: every row runs exactly halt_max_steps
    for (let b = 0; b < B; b += 1) {
      if (out.qHaltLogits[b]! > out.qContinueLogits[b]!) carry.halted[b] = 1; // strict >
    }
    this.explore(carry, exploreProb, options.rng);
    // target Q: the inner model again on the new carry (a copy: upstream discards that call's carry)
    this.targetZH.data.set(carry.zH.data);
    this.targetZL.data.set(carry.zL.data);
    const next = this.targetQ;
    this.inner(this.targetZH, this.targetZL, next.halt, next.cont, false, false);
    const target = next.target;
    for (let b = 0; b < B; b += 1) {
      const q = isLast[b] ? next.halt[b]! : Math.max(next.halt[b]!, next.cont[b]!);
      target[b] = 1 / (1 + Math.exp(-q));
    }
    out.targetQContinue = target;
    return out;
  }

  /** Rows halted in the previous call restart: z <- H_init/L_init, steps <- 0, data <- the batch's row. */
  private resetHalted(carry: HrmCarry, batch: HrmBatch): void {
    const { T, D, S } = this.dims;
    const B = this.batchSize;
    if (
      batch.inputs.length !== B * S ||
      batch.puzzleIdentifiers.length !== B ||
      (batch.labels !== undefined && batch.labels.length !== B * S)
    ) {
      throw new RangeError(
        `HrmModel: batch of ${batch.puzzleIdentifiers.length} rows x ${batch.inputs.length} tokens does not fit batch size ${B} x seq_len ${S}`,
      );
    }
    const hInit = this.weights.get('H_init');
    const lInit = this.weights.get('L_init');
    const data = carry.currentData;
    for (let b = 0; b < this.batchSize; b += 1) {
      if (!carry.halted[b]) continue; // other rows keep their state and their old data
      for (let t = 0; t < T; t += 1) {
        carry.zH.data.set(hInit, (b * T + t) * D);
        carry.zL.data.set(lInit, (b * T + t) * D);
      }
      carry.steps[b] = 0;
      data.inputs.set(batch.inputs.subarray(b * S, (b + 1) * S), b * S);
      if (batch.labels !== undefined) data.labels.set(batch.labels.subarray(b * S, (b + 1) * S), b * S);
      data.puzzleIdentifiers[b] = batch.puzzleIdentifiers[b]!;
    }
  }

  /** Exploration: with probability p a row gets min_halt uniform in [2, halt_max_steps], else 0. */
  private explore(carry: HrmCarry, prob: number, rng: Rng | undefined): void {
    if (prob <= 0) return;
    if (rng === undefined) throw new Error('HrmModel: training with halt_exploration_prob > 0 needs an rng');
    const B = this.batchSize;
    const explore = Array.from({ length: B }, () => rng.uniform() < prob); // upstream: rand per row, then randint
    const minHalt = Array.from({ length: B }, () => rng.int(2, this.config.halt_max_steps));
    for (let b = 0; b < B; b += 1) {
      if (carry.steps[b]! < (explore[b] ? minHalt[b]! : 0)) carry.halted[b] = 0;
    }
  }

  // ---- backward of the differentiated part ------------------------------------------------------------

  /**
   * Accumulate parameter gradients of the last training call from dLogits [B, S, V] and the q-logit
   * gradients [B]; the puzzle-embedding rows' gradient goes to `embedding.dLocalWeights`.
   */
  backward(dLogits: Tensor, dQHalt: Float32Array, dQContinue: Float32Array): void {
    if (this.lastCall === undefined || !this.lastCall.training || this.gradient === undefined) {
      throw new Error('HrmModel.backward: the last forward was not a training call');
    }
    const { P, T, D } = this.dims;
    const B = this.batchSize;
    const zH = this.savedH!.blocks.at(-1)!.y; // z_H the heads read
    const d = this.gradient; // dL/dz_H
    const dHeads = this.dHeads!;
    // heads: logits = z_H[:, P:] W_lm^T;  q = z_H[:, 0] W_q^T + b_q
    for (let b = 0; b < B; b += 1) {
      d.data.fill(0, b * T * D, (b * T + P) * D); // puzzle slots: no lm-head gradient
      linearBackward(
        { dx: d.select(0, b).narrow(0, P, T), dWeight: dHeads.lm },
        dLogits.select(0, b),
        zH.select(0, b).narrow(0, P, T),
        this.heads.lm,
      );
    }
    const dq = this.qLogits; // reuse [B, 2] for dq
    for (let b = 0; b < B; b += 1) {
      dq.data[2 * b] = dQHalt[b]!;
      dq.data[2 * b + 1] = dQContinue[b]!;
    }
    linearBackward(
      { dx: d.select(1, 0), dWeight: dHeads.q, dBias: dHeads.qBias, accumulateDx: true },
      dq,
      zH.select(1, 0),
      this.heads.q,
    );
    this.moduleBackward(d, this.H, this.dH!, this.savedH!); // d = dL/d(z_H + z_L) -> dL/dz_L
    this.moduleBackward(d, this.L, this.dL!, this.savedL!); // d = dL/d(z_L + z_H + x) -> dL/dx
    this.embedding.backward(d, this.lastCall.inputs, this.dEmbedding!);
  }
}

/**
 * The input embedding (docs/hrm.md §4.1; upstream `_input_embeddings`, `CastedEmbedding`,
 * `CastedSparseEmbedding`): token rows of `embed_tokens`, P puzzle-embedding slots prepended (the row of
 * `puzzle_emb.weights` for the example's id, zero-padded to P * D), learned positions mixed in as
 * 0.707106781 * (e + pos) when configured, and everything scaled by sqrt(D).
 *
 * The puzzle embedding is sparse: in training the batch's rows are copied into `localWeights` [B, ndim]
 * and their ids into `localIds` (upstream's non-persistent buffers); its gradient lands in
 * `dLocalWeights`, which the sign-SGD optimizer consumes.
 *
 * Dims: B batch, S tokens, P puzzle slots, T = P + S, D hidden, V vocab, N puzzle ids.
 */
import { embeddingBackward, embeddingForward, type Tensor } from '../../tensor/index.ts';
import type { HrmConfig, HrmDims } from '../config.ts';

/** The 1/sqrt(2) upstream writes as this exact decimal when adding learned positions. */
// biome-ignore lint/suspicious/noApproximativeNumericConstant: upstream's literal, not Math.SQRT1_2
const LEARNED_POS_MIX = 0.707106781;

/** Weight views the embedding reads (and, in `grads`, the gradients it writes). */
export interface EmbeddingWeights {
  /** `embed_tokens.embedding_weight` [V, D] */
  tokens: Tensor;
  /** `embed_pos.embedding_weight` [T, D], learned positions only */
  positions: Tensor | undefined;
}

/** Token, position and puzzle embedding for a fixed batch size. */
export class InputEmbedding {
  /** [B, ndim] the batch's puzzle rows in training (upstream `puzzle_emb.local_weights`) */
  readonly localWeights: Float32Array;
  /** [B] which table row each batch row used (upstream `puzzle_emb.local_ids`) */
  readonly localIds: Int32Array;
  /** [B, ndim] gradient of `localWeights` from the last backward */
  readonly dLocalWeights: Float32Array;
  private readonly scale: number;
  private readonly ndim: number;

  constructor(
    config: HrmConfig,
    private readonly dims: HrmDims,
    private readonly batchSize: number,
    private readonly weights: EmbeddingWeights,
    /** `puzzle_emb.weights` [N, ndim], undefined when puzzle_emb_ndim = 0 */
    private readonly puzzleTable: Float32Array | undefined,
  ) {
    this.ndim = config.puzzle_emb_ndim;
    this.scale = Math.sqrt(dims.D) * (weights.positions === undefined ? 1 : LEARNED_POS_MIX);
    this.localWeights = new Float32Array(batchSize * this.ndim);
    this.localIds = new Int32Array(batchSize);
    this.dLocalWeights = new Float32Array(batchSize * this.ndim);
  }

  /** x [B, T, D] from inputs [B * S] and puzzleIds [B]; ids are range-checked. */
  forward(x: Tensor, inputs: Int32Array, puzzleIds: Int32Array): void {
    const { P, S, T, D } = this.dims;
    const B = this.batchSize;
    for (let b = 0; b < B; b += 1) {
      const tokens = x.select(0, b).narrow(0, P, T); // [S, D]
      embeddingForward(tokens, this.weights.tokens, inputs.subarray(b * S, (b + 1) * S), 1);
    }
    if (P > 0) this.puzzleForward(x, puzzleIds);
    const data = x.data;
    const positions = this.weights.positions?.data;
    for (let b = 0; b < B; b += 1) {
      const row = data.subarray(b * T * D, (b + 1) * T * D);
      if (positions === undefined) for (let i = 0; i < T * D; i += 1) row[i]! *= this.scale;
      else for (let i = 0; i < T * D; i += 1) row[i] = (row[i]! + positions[i]!) * this.scale;
    }
  }

  private puzzleForward(x: Tensor, puzzleIds: Int32Array): void {
    const { P, T, D } = this.dims;
    const table = this.puzzleTable!;
    const rows = table.length / this.ndim;
    for (let b = 0; b < this.batchSize; b += 1) {
      const id = puzzleIds[b]!;
      if (!(id >= 0 && id < rows)) throw new RangeError(`puzzle identifier ${id} outside 0..${rows - 1}`);
      const row = table.subarray(id * this.ndim, (id + 1) * this.ndim);
      this.localWeights.set(row, b * this.ndim);
      this.localIds[b] = id;
      const slots = x.data.subarray(b * T * D, (b * T + P) * D); // [P * D]
      slots.set(row);
      slots.fill(0, this.ndim); // zero padding of the last slot
    }
  }

  /** Gradients from dx [B, T, D]: token and position rows accumulate into `grads`, puzzle rows overwrite `dLocalWeights`. */
  backward(dx: Tensor, inputs: Int32Array, grads: EmbeddingWeights): void {
    const { P, S, T, D } = this.dims;
    const B = this.batchSize;
    for (let b = 0; b < B; b += 1) {
      const tokens = dx.select(0, b).narrow(0, P, T);
      embeddingBackward(grads.tokens, tokens, inputs.subarray(b * S, (b + 1) * S), this.scale);
    }
    if (grads.positions !== undefined) {
      const dPos = grads.positions.data;
      for (let b = 0; b < B; b += 1) {
        const row = dx.data.subarray(b * T * D, (b + 1) * T * D);
        for (let i = 0; i < T * D; i += 1) dPos[i]! += row[i]! * this.scale;
      }
    }
    for (let b = 0; b < B && P > 0; b += 1) {
      const slots = dx.data.subarray(b * T * D, b * T * D + this.ndim);
      for (let j = 0; j < this.ndim; j += 1) this.dLocalWeights[b * this.ndim + j] = slots[j]! * this.scale;
    }
  }
}

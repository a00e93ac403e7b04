/** The model configs the HRM step benchmark and profiler run, in upstream's arch-config names. */

/** The golden fixture's config tiny_a (`../shared/fixtures/hrm/manifest.json`). */
export const TINY_A_CONFIG = {
  batch_size: 4,
  seq_len: 16,
  vocab_size: 12,
  num_puzzle_identifiers: 5,
  puzzle_emb_ndim: 64,
  hidden_size: 64,
  num_heads: 4,
  H_layers: 2,
  L_layers: 2,
  halt_max_steps: 4,
  halt_exploration_prob: 0,
  forward_dtype: 'float32',
};

/** The default 27M architecture of docs/hrm.md §1.1 with vocab 8192, as docs/engine.md §7 measured it. */
export const FULL_CONFIG = {
  vocab_size: 8192,
  num_puzzle_identifiers: 64,
  batch_size: 8,
  forward_dtype: 'float32',
};

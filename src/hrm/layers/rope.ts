/**
 * Rotary position tables for the HRM (docs/hrm.md §4.2; upstream `RotaryEmbedding`): dim = head dim,
 * positions 0..T-1 where the P puzzle-embedding slots take 0..P-1 and token s takes P + s; half-split
 * rotation. The rotation itself is the tensor engine's `ropeForward`/`ropeBackward`.
 */
import { type RopeTables, ropeTables } from '../../tensor/index.ts';
import type { HrmConfig, HrmDims } from '../config.ts';

/** cos/sin tables [T, d/2] when the config uses RoPE, undefined for learned positions. */
export function hrmRopeTables(config: HrmConfig, dims: HrmDims): RopeTables | undefined {
  if (config.pos_encodings !== 'rope') return undefined;
  return ropeTables(dims.T, dims.d, config.rope_theta);
}

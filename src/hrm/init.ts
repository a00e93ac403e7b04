/**
 * Upstream's initialisation (docs/hrm.md §3), row by row of the parameter table: JAX-style truncated normal
 * (the tensor engine's `truncNormal`, whose std is the real std of the result) for weights and H/L_init,
 * zeros for the puzzle embedding and the q-head weight, -5 for the q-head bias.
 */
import { fromBf16, type Rng, toBf16, truncNormal } from '../tensor/index.ts';
import { f16ToF32, f32ToF16 } from './checkpoint/dtypes.ts';
import type { ParamBuffers } from './weights.ts';

/** Initialise every row of `weights` as its table row says, drawing from `rng` in table order. */
export function initWeights(weights: ParamBuffers, rng: Rng): void {
  for (const spec of weights.table) {
    const view = weights.get(spec.name);
    if (spec.init.kind === 'zeros') view.fill(0);
    else if (spec.init.kind === 'constant') view.fill(spec.init.value);
    else truncNormal(view, spec.init.std, rng);
    // H_init/L_init live in forward_dtype upstream: round them now so export and re-import are lossless
    if (spec.storedDtype === 'BF16') view.set(fromBf16(toBf16(view)));
    if (spec.storedDtype === 'F16')
      for (let i = 0; i < view.length; i += 1) view[i] = f16ToF32(f32ToF16(view[i]!));
  }
}

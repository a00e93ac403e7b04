/**
 * SwiGLU activation of HRM's MLP (docs/hrm.md §4.4): gateUp [R, 2I] holds [gate | up] (the first I outputs
 * of gate_up_proj are the gate), out [R, I] = silu(gate) ⊙ up with silu(g) = g·σ(g).
 */
import type { FloatArray } from '../tensor.ts';
import { sigmoidOf } from './elementwise.ts';

/** out = silu(gate) ⊙ up */
export function swigluForward(out: FloatArray, gateUp: FloatArray, rows: number, inter: number): void {
  for (let r = 0; r < rows; r++) {
    const src = r * 2 * inter;
    const dst = r * inter;
    for (let i = 0; i < inter; i++) {
      const g = gateUp[src + i]!;
      out[dst + i] = g * sigmoidOf(g) * gateUp[src + inter + i]!;
    }
  }
}

// silu'(g) = σ(g)·(1 + g·(1 − σ(g))), so
//   ∂L/∂gate = dOut·up·σ(g)·(1 + g·(1 − σ(g)))      ∂L/∂up = dOut·silu(g)
/** dGateUp [R, 2I] from dOut [R, I] and the saved gateUp */
export function swigluBackward(
  dGateUp: FloatArray,
  dOut: FloatArray,
  gateUp: FloatArray,
  rows: number,
  inter: number,
): void {
  for (let r = 0; r < rows; r++) {
    const src = r * 2 * inter;
    const dst = r * inter;
    for (let i = 0; i < inter; i++) {
      const g = gateUp[src + i]!;
      const u = gateUp[src + inter + i]!;
      const s = sigmoidOf(g);
      const d = dOut[dst + i]!;
      dGateUp[src + i] = d * u * s * (1 + g * (1 - s));
      dGateUp[src + inter + i] = d * g * s;
    }
  }
}

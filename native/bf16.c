/*
 * bfloat16 ⇄ float32 on bit patterns (fast version of src/tensor/reference/bf16.ts): round to nearest,
 * ties to even, every NaN to the quiet NaN 0x7FC0. Integer arithmetic only, so no compiler flag can change
 * the NaN handling.
 */
#include <string.h>

#include "kernels.h"
#include "simd.h"

HOT void k_f32_to_bf16(uint16_t *out, const float *x, long n) {
  for (long i = 0; i < n; i++) {
    uint32_t u;
    memcpy(&u, &x[i], sizeof u);
    const uint32_t rounded = (u + 0x7FFFu + ((u >> 16) & 1u)) >> 16;
    out[i] = (u & 0x7FFFFFFFu) > 0x7F800000u ? (uint16_t)0x7FC0u : (uint16_t)rounded;
  }
}

HOT void k_bf16_to_f32(float *out, const uint16_t *x, long n) {
  for (long i = 0; i < n; i++) {
    const uint32_t u = (uint32_t)x[i] << 16;
    memcpy(&out[i], &u, sizeof u);
  }
}

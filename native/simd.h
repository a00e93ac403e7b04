/*
 * Helpers for the fused kernels: runtime ISA dispatch and a vectorisable exp.
 *
 * HOT marks a row kernel for function multi-versioning: gcc compiles it for x86-64-v4 (AVX-512),
 * x86-64-v3 (AVX2 + FMA) and the baseline, and the loader picks the best one the CPU has, so the addon
 * never executes an instruction the machine lacks (no -march=native). Static inline helpers are inlined
 * into each clone and compiled for its ISA.
 */
#ifndef HRM_SIMD_H
#define HRM_SIMD_H

#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define HOT
#endif

/*
 * e^x in float32 to about 1 ulp on [-87.3, 88.7], written so gcc vectorises it: x = n·ln2 + r with
 * |r| <= ln2/2 (ln2 split in a high and a low part), e^r by its degree-7 Taylor polynomial (truncation
 * error r^8/8! < 2e-9 relative), and 2^n built from the exponent bits. Inputs below -87.3 return the
 * smallest normal float instead of 0 (a relative error irrelevant next to the row sums it feeds), inputs
 * above 88.7 return about 3.4e38.
 */
static inline float exp_f32(float x) {
  const float log2e = 1.44269504088896341f;
  const float ln2_hi = 0.693145751953125f;
  const float ln2_lo = 1.428606765330187e-06f;
  x = x < -87.3f ? -87.3f : x;
  x = x > 88.7f ? 88.7f : x;
  float n = __builtin_floorf(x * log2e + 0.5f);
  float r = x - n * ln2_hi;
  r = r - n * ln2_lo;
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  int32_t bits = ((int32_t)n + 127) << 23;
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

/* logistic function via exp_f32; exact 0/1 limits are not needed by any caller */
static inline float sigmoid_f32(float x) { return 1.0f / (1.0f + exp_f32(-x)); }

#endif

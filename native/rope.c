/*
 * RoPE on the q and k sections of qkv [B, T, 3·H·d], in place (fast version of
 * src/tensor/reference/rope.ts): y1 = x1·c − x2·s, y2 = x2·c + x1·s; the backward is the same rotation
 * with s negated (direction −1).
 */
#include "kernels.h"
#include "pool.h"
#include "simd.h"

typedef struct {
  float *qkv;
  const float *cos, *sin;
  long T, H, d;
  float direction;
} rope_job;

HOT static void rope_range(void *ctx, long p0, long p1, int tid) {
  (void)tid;
  const rope_job *j = ctx;
  const long half = j->d / 2, width = 3 * j->H * j->d;
  for (long p = p0; p < p1; p++) {
    const long t = p % j->T;
    const float *restrict c = j->cos + t * half, *restrict s = j->sin + t * half;
    const float direction = j->direction;
    float *row = j->qkv + p * width;
    for (long h = 0; h < 2 * j->H; h++) {
      /* the two halves of a head never overlap: restrict lets gcc vectorise without alias checks */
      float *restrict x1 = row + h * j->d, *restrict x2 = x1 + half;
      for (long i = 0; i < half; i++) {
        const float si = direction * s[i];
        const float a = x1[i], b = x2[i];
        x1[i] = a * c[i] - b * si;
        x2[i] = b * c[i] + a * si;
      }
    }
  }
}

void k_rope(float *qkv, const float *cos, const float *sin, long B, long T, long H, long d, int direction) {
  rope_job j = {qkv, cos, sin, T, H, d, (float)direction};
  pool_for(B * T, 32768 / (2 * H * d + 1) + 1, rope_range, &j);
}

/*
 * AdamATan2 step (fast version of src/tensor/reference/optim.ts, where the update is written out): one
 * pass over parameters, gradients and both moments, split over the pool. atan2 is evaluated for x >= 0
 * only (x = sqrt(v)/sqrt(1 − β2ᵗ)) with an octant reduction and a degree-9 odd polynomial for atan on
 * [−tan(π/8), tan(π/8)] (error < 1e-7), written with selects so gcc vectorises it.
 */
#include <math.h>

#include "kernels.h"
#include "pool.h"
#include "simd.h"

/* atan2(y, x) for x >= 0: ±π/2 when x = 0 < |y|, 0 when both are 0 */
static inline float atan2_nonneg(float y, float x) {
  const float tan_3pi_8 = 2.414213562373095f, tan_pi_8 = 0.41421356237309503f;
  const float ay = fabsf(y);
  const int big = ay > tan_3pi_8 * x;  /* angle > 3π/8 (covers x = 0 < |y|) */
  const int mid = !big && ay > tan_pi_8 * x;
  float z = big ? -x / ay : (mid ? (ay - x) / (ay + x) : ay / (x > 0 ? x : 1.0f));
  const float base = big ? 1.5707963267948966f : (mid ? 0.7853981633974483f : 0.0f);
  const float z2 = z * z;
  const float poly = (((8.05374449538e-2f * z2 - 1.38776856032e-1f) * z2 + 1.99777106478e-1f) * z2 -
                      3.33329491539e-1f) * z2 * z + z;
  const float r = ay == 0.0f ? 0.0f : base + poly;
  return y < 0 ? -r : r;
}

typedef struct {
  float *p, *m, *v;
  const float *g;
  float decay, step_size, inv_sqrt_bc2, c1, beta2, c2;
} adam_job;

HOT static void adam_range(void *ctx, long s, long e, int tid) {
  (void)tid;
  const adam_job *j = ctx;
  float *p = j->p, *m = j->m, *v = j->v;
  const float *g = j->g;
  for (long i = s; i < e; i++) {
    const float mi = m[i] + j->c1 * (g[i] - m[i]);
    const float vi = j->beta2 * v[i] + j->c2 * g[i] * g[i];
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i] * j->decay - j->step_size * atan2_nonneg(mi, sqrtf(vi) * j->inv_sqrt_bc2);
  }
}

void k_adam_atan2(float *p, const float *g, float *m, float *v, long n, double lr, double beta1, double beta2,
                  double weight_decay, double step) {
  adam_job j = {
      .p = p,
      .m = m,
      .v = v,
      .g = g,
      .decay = (float)(1.0 - lr * weight_decay),
      .step_size = (float)(lr / (1.0 - pow(beta1, step))),
      .inv_sqrt_bc2 = (float)(1.0 / sqrt(1.0 - pow(beta2, step))),
      .c1 = (float)(1.0 - beta1),
      .beta2 = (float)beta2,
      .c2 = (float)(1.0 - beta2),
  };
  pool_for(n, 65536, adam_range, &j);
}

/*
 * Cross entropies and BCE-with-logits (fast versions of src/tensor/reference/losses.ts, where the
 * derivatives are written out). Stablemax runs in float64 as upstream does; rows are split over the pool.
 * Labels were checked by the caller (−100 or a class id).
 */
#include <math.h>

#include "kernels.h"
#include "pool.h"
#include "simd.h"

#define IGNORE_LABEL (-100)

typedef struct {
  double *losses;
  float *dlogits;
  const float *logits;
  const int32_t *labels;
  const double *w;
  long vocab;
} ce_job;

static inline double stablemax_s(double x) { return x < 0 ? 1.0 / (1.0 - x + 1e-30) : x + 1.0; }

HOT static double stablemax_sum(const float *x, long V) {
  double sum = 0;
#pragma omp simd reduction(+ : sum)
  for (long j = 0; j < V; j++) sum += stablemax_s((double)x[j]);
  return sum;
}

static void stablemax_range(void *ctx, long r0, long r1, int tid) {
  (void)tid;
  const ce_job *j = ctx;
  for (long r = r0; r < r1; r++) {
    const int32_t y = j->labels[r];
    if (y == IGNORE_LABEL) {
      j->losses[r] = 0;
      continue;
    }
    const float *x = j->logits + r * j->vocab;
    j->losses[r] = -log(stablemax_s((double)x[y]) / stablemax_sum(x, j->vocab));
  }
}

HOT static void stablemax_backward_range(void *ctx, long r0, long r1, int tid) {
  (void)tid;
  const ce_job *j = ctx;
  const long V = j->vocab;
  for (long r = r0; r < r1; r++) {
    const int32_t y = j->labels[r];
    const float *x = j->logits + r * V;
    float *dx = j->dlogits + r * V;
    if (y == IGNORE_LABEL) {
      for (long c = 0; c < V; c++) dx[c] = 0;
      continue;
    }
    const double inv_sum = 1.0 / stablemax_sum(x, V), w = j->w[r];
    for (long c = 0; c < V; c++) {
      const double xc = (double)x[c], s = stablemax_s(xc), ds = xc < 0 ? s * s : 1.0;
      dx[c] = (float)(w * ds * inv_sum);
    }
    const double xy = (double)x[y], sy = stablemax_s(xy), dsy = xy < 0 ? sy * sy : 1.0;
    dx[y] = (float)(w * (dsy * inv_sum - dsy / sy));
  }
}

static long rows_per_thread(long vocab) { return 16384 / (vocab + 1) + 1; }

void k_stablemax_ce(double *losses, const float *logits, const int32_t *labels, long rows, long vocab) {
  ce_job j = {.losses = losses, .logits = logits, .labels = labels, .vocab = vocab};
  pool_for(rows, rows_per_thread(vocab), stablemax_range, &j);
}

void k_stablemax_ce_backward(float *dlogits, const float *logits, const int32_t *labels, const double *w,
                             long rows, long vocab) {
  ce_job j = {.dlogits = dlogits, .logits = logits, .labels = labels, .w = w, .vocab = vocab};
  pool_for(rows, rows_per_thread(vocab), stablemax_backward_range, &j);
}

/* log Σ exp(x − max) + max, accumulated in double */
HOT static double log_sum_exp(const float *x, long V) {
  float max = -INFINITY;
#pragma omp simd reduction(max : max)
  for (long c = 0; c < V; c++) max = x[c] > max ? x[c] : max;
  double sum = 0;
#pragma omp simd reduction(+ : sum)
  for (long c = 0; c < V; c++) sum += (double)exp_f32(x[c] - max);
  return (double)max + log(sum);
}

static void softmax_ce_range(void *ctx, long r0, long r1, int tid) {
  (void)tid;
  const ce_job *j = ctx;
  for (long r = r0; r < r1; r++) {
    const int32_t y = j->labels[r];
    const float *x = j->logits + r * j->vocab;
    j->losses[r] = y == IGNORE_LABEL ? 0 : log_sum_exp(x, j->vocab) - (double)x[y];
  }
}

HOT static void softmax_ce_backward_range(void *ctx, long r0, long r1, int tid) {
  (void)tid;
  const ce_job *j = ctx;
  const long V = j->vocab;
  for (long r = r0; r < r1; r++) {
    const int32_t y = j->labels[r];
    const float *x = j->logits + r * V;
    float *dx = j->dlogits + r * V;
    if (y == IGNORE_LABEL) {
      for (long c = 0; c < V; c++) dx[c] = 0;
      continue;
    }
    const float lse = (float)log_sum_exp(x, V), w = (float)j->w[r];
    for (long c = 0; c < V; c++) dx[c] = w * exp_f32(x[c] - lse);
    dx[y] -= w;
  }
}

void k_softmax_ce(double *losses, const float *logits, const int32_t *labels, long rows, long vocab) {
  ce_job j = {.losses = losses, .logits = logits, .labels = labels, .vocab = vocab};
  pool_for(rows, rows_per_thread(vocab), softmax_ce_range, &j);
}

void k_softmax_ce_backward(float *dlogits, const float *logits, const int32_t *labels, const double *w, long rows,
                           long vocab) {
  ce_job j = {.dlogits = dlogits, .logits = logits, .labels = labels, .w = w, .vocab = vocab};
  pool_for(rows, rows_per_thread(vocab), softmax_ce_backward_range, &j);
}

/* BCE(x, t) = max(x, 0) − x·t + log(1 + e^−|x|); the q heads have one logit per batch row, so no threads */
void k_bce(double *losses, const float *logits, const float *targets, long n) {
  for (long i = 0; i < n; i++) {
    const double x = logits[i];
    losses[i] = (x > 0 ? x : 0) - x * (double)targets[i] + log1p(exp(-fabs(x)));
  }
}

void k_bce_backward(float *dlogits, const float *logits, const float *targets, const double *w, long n) {
  for (long i = 0; i < n; i++) {
    const double x = logits[i];
    const double s = x >= 0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x));
    dlogits[i] = (float)(w[i] * (s - (double)targets[i]));
  }
}

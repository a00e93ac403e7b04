/*
 * Elementwise and row-wise fused kernels (fast versions of src/tensor/reference/{elementwise,norm,swiglu,
 * softmax}.ts; the math is written out there). Each public function splits its rows (or elements) over
 * the pool; the per-range bodies are HOT, i.e. compiled for AVX-512, AVX2 and the baseline.
 */
#include <math.h>

#include "kernels.h"
#include "pool.h"
#include "simd.h"

/* elements per thread below which a kernel stays on the calling thread */
#define MIN_ELEMENTS_PER_THREAD 32768

static long rows_per_thread(long cols) { return MIN_ELEMENTS_PER_THREAD / (cols > 0 ? cols : 1) + 1; }

/* ---- elementwise ---------------------------------------------------------------------------------- */

typedef struct {
  float *out;
  const float *a, *b;
  float alpha;
  int op;
} ew_job;

enum { EW_ADD, EW_AXPY, EW_SCALE, EW_MUL, EW_SIGMOID };

HOT static void ew_range(void *ctx, long s, long e, int tid) {
  (void)tid;
  const ew_job *j = ctx;
  float *out = j->out; /* may alias a or b at the same index */
  const float *a = j->a, *b = j->b;
  const float alpha = j->alpha;
  switch (j->op) {
    case EW_ADD:
      for (long i = s; i < e; i++) out[i] = a[i] + b[i];
      break;
    case EW_AXPY:
      for (long i = s; i < e; i++) out[i] += alpha * a[i];
      break;
    case EW_SCALE:
      for (long i = s; i < e; i++) out[i] = alpha * a[i];
      break;
    case EW_MUL:
      for (long i = s; i < e; i++) out[i] = a[i] * b[i];
      break;
    default:
      for (long i = s; i < e; i++) out[i] = sigmoid_f32(a[i]);
  }
}

static void ew(int op, float *out, const float *a, const float *b, float alpha, long n) {
  ew_job j = {out, a, b, alpha, op};
  pool_for(n, MIN_ELEMENTS_PER_THREAD, ew_range, &j);
}

void k_add(float *out, const float *a, const float *b, long n) { ew(EW_ADD, out, a, b, 0, n); }
void k_axpy(float *y, float alpha, const float *x, long n) { ew(EW_AXPY, y, x, NULL, alpha, n); }
void k_scale(float *out, float alpha, const float *x, long n) { ew(EW_SCALE, out, x, NULL, alpha, n); }
void k_mul(float *out, const float *a, const float *b, long n) { ew(EW_MUL, out, a, b, 0, n); }
void k_sigmoid(float *out, const float *x, long n) { ew(EW_SIGMOID, out, x, NULL, 0, n); }

/* dbias[c] += sum_r dout[r, c]: split over columns so threads never share an output */
typedef struct {
  float *dbias;
  const float *dout;
  long rows, cols;
} bias_job;

HOT static void bias_range(void *ctx, long c0, long c1, int tid) {
  (void)tid;
  const bias_job *j = ctx;
  for (long r = 0; r < j->rows; r++) {
    const float *row = j->dout + r * j->cols;
    for (long c = c0; c < c1; c++) j->dbias[c] += row[c];
  }
}

void k_bias_backward(float *dbias, const float *dout, long rows, long cols) {
  bias_job j = {dbias, dout, rows, cols};
  pool_for(cols, MIN_ELEMENTS_PER_THREAD / (rows > 0 ? rows : 1) + 16, bias_range, &j);
}

/* ---- residual add + RMSNorm ----------------------------------------------------------------------- */

typedef struct {
  float *y, *rstd, *dh;
  const float *x, *res, *dy, *yin;
  long dim;
  float eps;
} norm_job;

HOT static void rms_range(void *ctx, long r0, long r1, int tid) {
  (void)tid;
  const norm_job *j = ctx;
  const long D = j->dim;
  for (long r = r0; r < r1; r++) {
    const float *x = j->x + r * D, *res = j->res + r * D;
    float *y = j->y + r * D;
    float ss = 0;
#pragma omp simd reduction(+ : ss)
    for (long i = 0; i < D; i++) {
      float h = x[i] + res[i];
      ss += h * h;
    }
    float inv = 1.0f / sqrtf(ss / (float)D + j->eps);
    j->rstd[r] = inv;
    for (long i = 0; i < D; i++) y[i] = (x[i] + res[i]) * inv;
  }
}

void k_add_rmsnorm(float *y, float *rstd, const float *x, const float *res, long rows, long dim, float eps) {
  norm_job j = {.y = y, .rstd = rstd, .x = x, .res = res, .dim = dim, .eps = eps};
  pool_for(rows, rows_per_thread(dim), rms_range, &j);
}

void k_add_rmsnorm_serial(float *y, float *rstd, const float *x, const float *res, long rows, long dim, float eps) {
  norm_job j = {.y = y, .rstd = rstd, .x = x, .res = res, .dim = dim, .eps = eps};
  rms_range(&j, 0, rows, 0);
}

HOT static void rms_backward_range(void *ctx, long r0, long r1, int tid) {
  (void)tid;
  const norm_job *j = ctx;
  const long D = j->dim;
  for (long r = r0; r < r1; r++) {
    const float *dy = j->dy + r * D, *y = j->yin + r * D;
    float *dh = j->dh + r * D;
    float dot = 0;
#pragma omp simd reduction(+ : dot)
    for (long i = 0; i < D; i++) dot += dy[i] * y[i];
    const float mean = dot / (float)D, inv = j->rstd[r];
    for (long i = 0; i < D; i++) dh[i] = inv * (dy[i] - y[i] * mean);
  }
}

void k_rmsnorm_backward(float *dh, const float *dy, const float *y, const float *rstd, long rows, long dim) {
  norm_job j = {.dh = dh, .dy = dy, .yin = y, .rstd = (float *)rstd, .dim = dim};
  pool_for(rows, rows_per_thread(dim), rms_backward_range, &j);
}

/* ---- SwiGLU --------------------------------------------------------------------------------------- */

typedef struct {
  float *out;
  const float *gu, *dout;
  long inter;
} swiglu_job;

HOT static void swiglu_range(void *ctx, long r0, long r1, int tid) {
  (void)tid;
  const swiglu_job *j = ctx;
  const long I = j->inter;
  for (long r = r0; r < r1; r++) {
    const float *g = j->gu + r * 2 * I, *u = g + I;
    float *out = j->out + r * I;
    for (long i = 0; i < I; i++) out[i] = g[i] * sigmoid_f32(g[i]) * u[i];
  }
}

void k_swiglu(float *out, const float *gu, long rows, long inter) {
  swiglu_job j = {out, gu, NULL, inter};
  pool_for(rows, rows_per_thread(2 * inter), swiglu_range, &j);
}

void k_swiglu_serial(float *out, const float *gu, long rows, long inter) {
  swiglu_job j = {out, gu, NULL, inter};
  swiglu_range(&j, 0, rows, 0);
}

HOT static void swiglu_backward_range(void *ctx, long r0, long r1, int tid) {
  (void)tid;
  const swiglu_job *j = ctx;
  const long I = j->inter;
  for (long r = r0; r < r1; r++) {
    const float *g = j->gu + r * 2 * I, *u = g + I, *d = j->dout + r * I;
    float *dg = j->out + r * 2 * I, *du = dg + I;
    for (long i = 0; i < I; i++) {
      float s = sigmoid_f32(g[i]);
      dg[i] = d[i] * u[i] * s * (1.0f + g[i] * (1.0f - s));
      du[i] = d[i] * g[i] * s;
    }
  }
}

void k_swiglu_backward(float *dgu, const float *dout, const float *gu, long rows, long inter) {
  swiglu_job j = {dgu, gu, dout, inter};
  pool_for(rows, rows_per_thread(2 * inter), swiglu_backward_range, &j);
}

/* ---- softmax -------------------------------------------------------------------------------------- */

HOT void k_softmax_row(float *y, const float *x, long cols) {
  float max = -INFINITY;
#pragma omp simd reduction(max : max)
  for (long c = 0; c < cols; c++) max = x[c] > max ? x[c] : max;
  float sum = 0;
#pragma omp simd reduction(+ : sum)
  for (long c = 0; c < cols; c++) {
    float e = exp_f32(x[c] - max);
    y[c] = e;
    sum += e;
  }
  const float inv = 1.0f / sum;
  for (long c = 0; c < cols; c++) y[c] *= inv;
}

HOT void k_softmax_backward_row(float *dx, const float *dy, const float *y, long cols) {
  float dot = 0;
#pragma omp simd reduction(+ : dot)
  for (long c = 0; c < cols; c++) dot += dy[c] * y[c];
  for (long c = 0; c < cols; c++) dx[c] = y[c] * (dy[c] - dot);
}

typedef struct {
  float *out;
  const float *x, *y;
  long cols;
} softmax_job;

static void softmax_range(void *ctx, long r0, long r1, int tid) {
  (void)tid;
  const softmax_job *j = ctx;
  for (long r = r0; r < r1; r++) k_softmax_row(j->out + r * j->cols, j->x + r * j->cols, j->cols);
}

void k_softmax(float *y, const float *x, long rows, long cols) {
  softmax_job j = {y, x, NULL, cols};
  pool_for(rows, rows_per_thread(cols), softmax_range, &j);
}

static void softmax_backward_range(void *ctx, long r0, long r1, int tid) {
  (void)tid;
  const softmax_job *j = ctx;
  for (long r = r0; r < r1; r++)
    k_softmax_backward_row(j->out + r * j->cols, j->x + r * j->cols, j->y + r * j->cols, j->cols);
}

void k_softmax_backward(float *dx, const float *dy, const float *y, long rows, long cols) {
  softmax_job j = {dx, dy, y, cols};
  pool_for(rows, rows_per_thread(cols), softmax_backward_range, &j);
}

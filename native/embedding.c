/*
 * Embedding gather and scatter-add (fast version of src/tensor/reference/embedding.ts). Ids are
 * range-checked by the caller before any thread starts. The backward splits columns over threads, so two
 * threads never add into the same element even when ids repeat.
 */
#include "kernels.h"
#include "pool.h"
#include "simd.h"

typedef struct {
  float *out;
  const float *src;
  const int32_t *ids;
  long n, dim;
  float scale;
} emb_job;

HOT static void gather_range(void *ctx, long i0, long i1, int tid) {
  (void)tid;
  const emb_job *j = ctx;
  for (long i = i0; i < i1; i++) {
    const float *w = j->src + (long)j->ids[i] * j->dim;
    float *o = j->out + i * j->dim;
    for (long c = 0; c < j->dim; c++) o[c] = j->scale * w[c];
  }
}

void k_embedding(float *out, const float *w, const int32_t *ids, long n, long dim, float scale) {
  emb_job j = {out, w, ids, n, dim, scale};
  pool_for(n, 32768 / (dim + 1) + 1, gather_range, &j);
}

HOT static void scatter_columns(void *ctx, long c0, long c1, int tid) {
  (void)tid;
  const emb_job *j = ctx;
  for (long i = 0; i < j->n; i++) {
    float *dw = j->out + (long)j->ids[i] * j->dim;
    const float *d = j->src + i * j->dim;
    for (long c = c0; c < c1; c++) dw[c] += j->scale * d[c];
  }
}

void k_embedding_backward(float *dw, const float *dout, const int32_t *ids, long n, long dim, float scale) {
  emb_job j = {dw, dout, ids, n, dim, scale};
  pool_for(dim, 32768 / (n + 1) + 16, scatter_columns, &j);
}

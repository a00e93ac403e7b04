/*
 * sgemm over OpenBLAS's cblas_sgemm. OpenBLAS itself runs single-threaded (openblas_set_num_threads(1));
 * large products are split into row or column blocks over our own pool, so one set of threads does all
 * the work and nothing spins against anything else. Batched products with many small items (the per-head
 * attention shapes) run whole items in parallel instead.
 */
#include <cblas.h>
#include <stdio.h>

#include "kernels.h"
#include "pool.h"

/* below this many FLOPs (~150 µs of work) a product runs on the calling thread: waking a sleeping worker
   (tens of µs) is not worth it (measured: splitting the 4.5 MFLOP products of the tiny_a config cost 12%) */
#define PARALLEL_MIN_FLOPS 1.6e7
/* rows or columns per block when splitting a product, a multiple of the micro-kernel tiles */
#define SPLIT_UNIT 16
/* blocks per pool thread a split product is cut into */
#define BLOCKS_PER_THREAD 2

void k_blas_init(void) { openblas_set_num_threads(1); }

const char *k_blas_info(void) {
  static char info[256];
  snprintf(info, sizeof info, "%s, core %s", openblas_get_config(), openblas_get_corename());
  return info;
}

void k_gemm_serial(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda, const float *B,
                   int ldb, float beta, float *C, int ldc) {
  if (M <= 0 || N <= 0) return;
  cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, M, N, K, alpha, A, lda,
              B, ldb, beta, C, ldc);
}

typedef struct {
  bool ta, tb, split_rows;
  int M, N, K, lda, ldb, ldc;
  float alpha, beta;
  const float *A, *B;
  float *C;
} gemm_job;

static void gemm_block(void *ctx, long start, long end, int tid) {
  (void)tid;
  const gemm_job *j = ctx;
  if (j->split_rows) {
    long r0 = start * SPLIT_UNIT, r1 = end * SPLIT_UNIT < j->M ? end * SPLIT_UNIT : j->M;
    const float *A = j->ta ? j->A + r0 : j->A + r0 * j->lda;
    k_gemm_serial(j->ta, j->tb, (int)(r1 - r0), j->N, j->K, j->alpha, A, j->lda, j->B, j->ldb, j->beta,
                  j->C + r0 * j->ldc, j->ldc);
  } else {
    long c0 = start * SPLIT_UNIT, c1 = end * SPLIT_UNIT < j->N ? end * SPLIT_UNIT : j->N;
    const float *B = j->tb ? j->B + c0 * j->ldb : j->B + c0;
    k_gemm_serial(j->ta, j->tb, j->M, (int)(c1 - c0), j->K, j->alpha, j->A, j->lda, B, j->ldb, j->beta, j->C + c0,
                  j->ldc);
  }
}

void k_gemm(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda, const float *B, int ldb,
            float beta, float *C, int ldc) {
  double flops = 2.0 * M * N * (double)K;
  if (pool_threads() < 2 || flops < PARALLEL_MIN_FLOPS || K == 0) {
    k_gemm_serial(ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    return;
  }
  gemm_job j = {ta, tb, M >= N, M, N, K, lda, ldb, ldc, alpha, beta, A, B, C};
  const long extent = j.split_rows ? M : N;
  const long units = (extent + SPLIT_UNIT - 1) / SPLIT_UNIT;
  /* Each block repacks the operand it shares with the others (B for a row split), which costs about 1% of
     the product per block at HRM's shapes: cut it into BLOCKS_PER_THREAD blocks per thread only, still
     enough for a thread slowed by another process to take fewer. */
  const long per_block = (units + (long)pool_threads() * BLOCKS_PER_THREAD - 1) / ((long)pool_threads() * BLOCKS_PER_THREAD);
  pool_for(units, per_block, gemm_block, &j);
}

typedef struct {
  gemm_job item;
  long sA, sB, sC;
} batch_job;

static void gemm_items(void *ctx, long start, long end, int tid) {
  (void)tid;
  const batch_job *b = ctx;
  const gemm_job *j = &b->item;
  for (long i = start; i < end; i++)
    k_gemm_serial(j->ta, j->tb, j->M, j->N, j->K, j->alpha, j->A + i * b->sA, j->lda, j->B + i * b->sB, j->ldb,
                  j->beta, j->C + i * b->sC, j->ldc);
}

void k_gemm_batched(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda, long sA,
                    const float *B, int ldb, long sB, float beta, float *C, int ldc, long sC, int batch) {
  double item_flops = 2.0 * M * N * (double)K;
  bool items_in_parallel = batch >= 2 * pool_threads() || item_flops < 4 * PARALLEL_MIN_FLOPS;
  if (sC != 0 && items_in_parallel) {
    batch_job b = {{ta, tb, false, M, N, K, lda, ldb, ldc, alpha, beta, A, B, C}, sA, sB, sC};
    long min_items = (long)(PARALLEL_MIN_FLOPS / (item_flops + 1.0)) + 1;
    pool_for(batch, min_items, gemm_items, &b);
    return;
  }
  for (int i = 0; i < batch; i++)
    k_gemm(ta, tb, M, N, K, alpha, A + i * sA, lda, B + i * sB, ldb, beta, C + i * sC, ldc);
}

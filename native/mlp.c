/*
 * The post-norm SwiGLU MLP sublayer of a transformer block in one call (fast version of
 * src/tensor/reference/mlp.ts): gateUp = x·Wguᵀ, hidden = silu(gate)·up, y = rms(x + hidden·Wdownᵀ).
 * Every row is independent, so the rows are cut into blocks (2 per pool thread, like a split product) and
 * each block runs the whole chain: its two single-threaded products, the SwiGLU and the residual RMSNorm.
 * A block's gateUp and hidden rows are consumed while they are still in cache, instead of the whole [R, 2I]
 * gateUp going out to memory between three separately threaded kernels. Measured at HRM's default width
 * (D 512, I 1536, 2 threads): about 3% faster at 2056 rows (blocks of 514), but 1-3% slower at 4104 rows,
 * where a block's gateUp (12 MB) no longer stays in cache and more blocks would repack the weights more
 * often; so blocks of more than BLOCK_MAX_ROWS rows run the four threaded kernels one after the other.
 * Each step computes exactly what gemm, swigluForward, gemm and addRmsnormForward do.
 */
#include "kernels.h"
#include "pool.h"

/* below this many FLOPs the sublayer runs on the calling thread (as a product does in gemm.c) */
#define PARALLEL_MIN_FLOPS 1.6e7
/* row blocks per pool thread, and the row multiple of a block (the micro-kernel tile) */
#define BLOCKS_PER_THREAD 2
#define ROW_UNIT 16
/* larger blocks run as four threaded kernels (see above) */
#define BLOCK_MAX_ROWS 768

typedef struct {
  float *y, *rstd, *gu, *hidden;
  const float *x, *wgu, *wdown;
  long dim, inter;
  float eps;
} mlp_job;

static void mlp_rows(void *ctx, long r0, long r1, int tid) {
  (void)tid;
  const mlp_job *j = ctx;
  const long D = j->dim, I = j->inter, m = r1 - r0;
  float *gu = j->gu + r0 * 2 * I, *hidden = j->hidden + r0 * I, *y = j->y + r0 * D;
  const float *x = j->x + r0 * D;
  k_gemm_serial(false, true, (int)m, (int)(2 * I), (int)D, 1.0f, x, (int)D, j->wgu, (int)D, 0.0f, gu, (int)(2 * I));
  k_swiglu_serial(hidden, gu, m, I);
  k_gemm_serial(false, true, (int)m, (int)D, (int)I, 1.0f, hidden, (int)I, j->wdown, (int)I, 0.0f, y, (int)D);
  k_add_rmsnorm_serial(y, j->rstd + r0, y, x, m, D, j->eps); /* y = rms(mlp(x) + x), in place */
}

void k_mlp(float *y, float *rstd, float *gu, float *hidden, const float *x, const float *wgu, const float *wdown,
           long rows, long dim, long inter, float eps) {
  mlp_job j = {y, rstd, gu, hidden, x, wgu, wdown, dim, inter, eps};
  const double flops = 6.0 * (double)rows * (double)dim * (double)inter;
  const long threads = pool_threads();
  if (rows <= 0) return;
  if (threads < 2 || flops < PARALLEL_MIN_FLOPS) {
    mlp_rows(&j, 0, rows, 0);
    return;
  }
  const long blocks = threads * BLOCKS_PER_THREAD;
  long per_block = (rows + blocks - 1) / blocks;
  per_block = (per_block + ROW_UNIT - 1) / ROW_UNIT * ROW_UNIT;
  if (per_block <= BLOCK_MAX_ROWS) {
    pool_for(rows, per_block, mlp_rows, &j);
    return;
  }
  const long D = dim, I = inter;
  k_gemm(false, true, (int)rows, (int)(2 * I), (int)D, 1.0f, x, (int)D, wgu, (int)D, 0.0f, gu, (int)(2 * I));
  k_swiglu(hidden, gu, rows, I);
  k_gemm(false, true, (int)rows, (int)D, (int)I, 1.0f, hidden, (int)I, wdown, (int)I, 0.0f, y, (int)D);
  k_add_rmsnorm(y, rstd, y, x, rows, D, eps);
}

/*
 * Non-causal multi-head attention over a packed qkv [B, T, 3·H·d] (fast version of
 * src/tensor/reference/attention.ts, where the math is written out). Work is split over the B·H
 * (batch row, head) pairs: each pool task runs its heads' products on strided views of qkv (no copies)
 * and the softmax rows in between, so both threads stay busy even when each per-head product is too
 * small to split. The products with a T×T result (scores q·kᵀ, and dO·vᵀ in the backward) are
 * single-threaded sgemm; the narrow ones with a T×d result (P·v, and dv, dq, dk in the backward) use
 * gemm_narrow below, which runs them about 25% faster than sgemm at HRM's T = 257, d = 64.
 */
#include <math.h>
#include <string.h>

#include "kernels.h"
#include "pool.h"
#include "simd.h"

/* floats per vector in gemm_narrow; gcc lowers it to what each target_clones clone has */
#define VL 16
typedef float vf __attribute__((vector_size(VL * sizeof(float))));
/* result rows per register block of gemm_narrow */
#define NARROW_ROWS 4

/* unaligned vector load and store, and a broadcast (macros: no vector crosses a function boundary) */
#define VLOAD(p)                  \
  __extension__({                 \
    vf v_;                        \
    memcpy(&v_, (p), sizeof v_);  \
    v_;                           \
  })
#define VSTORE(p, v)             \
  do {                           \
    const vf s_ = (v);           \
    memcpy((p), &s_, sizeof s_); \
  } while (0)
#define VSPLAT(x) ((vf){(x), (x), (x), (x), (x), (x), (x), (x), (x), (x), (x), (x), (x), (x), (x), (x)})

/* C[r, 0 .. NV·VL) = alpha · sum_j a_r(j) · B[j, 0 .. NV·VL) for NARROW_ROWS rows r; row r of op(A) is a[r]
   with element j at a[r][j · astep] (astep 1: A as stored, lda: A transposed) */
static inline __attribute__((always_inline)) void narrow_block(const float *const a[NARROW_ROWS], long astep,
                                                               const float *B, long ldb, long k, float alpha,
                                                               float *C, long ldc, long rows, int NV) {
  vf acc[NARROW_ROWS][4];
  for (int r = 0; r < NARROW_ROWS; r++)
    for (int n = 0; n < 4; n++) acc[r][n] = (vf){0};
  for (long j = 0; j < k; j++) {
    const float *b = B + j * ldb;
    vf bv[4];
#pragma GCC unroll 4
    for (int n = 0; n < NV; n++) bv[n] = VLOAD(b + n * VL);
#pragma GCC unroll 4
    for (int r = 0; r < NARROW_ROWS; r++) {
      const vf av = VSPLAT(a[r][j * astep]);
#pragma GCC unroll 4
      for (int n = 0; n < NV; n++) acc[r][n] += av * bv[n];
    }
  }
  for (long r = 0; r < rows; r++)
#pragma GCC unroll 4
    for (int n = 0; n < NV; n++) VSTORE(C + r * ldc + n * VL, acc[r][n] * alpha);
}

/*
 * C [m, n] = alpha · op(A) [m, k] · B [k, n] with n a multiple of VL, row-major with strides lda, ldb, ldc
 * (op(A) = Aᵀ when ta). The shapes of attention's T×d results: register blocks of 4 rows × 64 columns
 * where sgemm's packing and its wide micro-tiles do not pay off.
 */
HOT static void gemm_narrow(bool ta, long m, long n, long k, float alpha, const float *A, long lda, const float *B,
                            long ldb, float *C, long ldc) {
  const long astep = ta ? lda : 1;
  for (long i0 = 0; i0 < m; i0 += NARROW_ROWS) {
    const long rows = m - i0 < NARROW_ROWS ? m - i0 : NARROW_ROWS;
    const float *a[NARROW_ROWS];
    for (long r = 0; r < NARROW_ROWS; r++) {
      const long i = r < rows ? i0 + r : i0; /* rows past the end repeat the first; they are not stored */
      a[r] = ta ? A + i : A + i * lda;
    }
    long c0 = 0;
    for (; c0 + 4 * VL <= n; c0 += 4 * VL) narrow_block(a, astep, B + c0, ldb, k, alpha, C + i0 * ldc + c0, ldc, rows, 4);
    for (; c0 < n; c0 += VL) narrow_block(a, astep, B + c0, ldb, k, alpha, C + i0 * ldc + c0, ldc, rows, 1);
  }
}

/* the T×d products: gemm_narrow when d is a multiple of VL, else sgemm */
static void narrow_product(bool ta, long m, long n, long k, float alpha, const float *A, long lda, const float *B,
                           long ldb, float *C, long ldc) {
  if (n % VL == 0)
    gemm_narrow(ta, m, n, k, alpha, A, lda, B, ldb, C, ldc);
  else
    k_gemm_serial(ta, false, (int)m, (int)n, (int)k, alpha, A, (int)lda, B, (int)ldb, 0.0f, C, (int)ldc);
}

typedef struct {
  float *out, *probs, *dqkv;
  const float *qkv, *dout, *probs_in;
  long T, H, d;
} attn_job;

static void attention_heads(void *ctx, long p0, long p1, int tid) {
  (void)tid;
  const attn_job *j = ctx;
  const long T = j->T, H = j->H, d = j->d, D = H * d, W = 3 * D;
  const float scale = 1.0f / sqrtf((float)d);
  for (long p = p0; p < p1; p++) {
    const long b = p / H, h = p % H;
    const float *q = j->qkv + b * T * W + h * d, *k = q + D, *v = q + 2 * D;
    float *P = j->probs + p * T * T;
    k_gemm_serial(false, true, (int)T, (int)T, (int)d, scale, q, (int)W, k, (int)W, 0.0f, P, (int)T);
    for (long r = 0; r < T; r++) k_softmax_row(P + r * T, P + r * T, T);
    narrow_product(false, T, d, T, 1.0f, P, T, v, W, j->out + b * T * D + h * d, D);
  }
}

/* (batch row, head) pairs per task: enough that a task is worth waking a thread for (~1 MFLOP) */
static long heads_per_task(long T, long d) {
  const double flops = 4.0 * (double)T * (double)T * (double)d + 1.0;
  return (long)(1.0e6 / flops) + 1;
}

void k_attention(float *out, float *probs, const float *qkv, long B, long T, long H, long d) {
  attn_job j = {.out = out, .probs = probs, .qkv = qkv, .T = T, .H = H, .d = d};
  pool_for(B * H, heads_per_task(T, d), attention_heads, &j);
}

static void attention_backward_heads(void *ctx, long p0, long p1, int tid) {
  const attn_job *j = ctx;
  const long T = j->T, H = j->H, d = j->d, D = H * d, W = 3 * D;
  const float scale = 1.0f / sqrtf((float)d);
  float *dS = pool_scratch(tid, (size_t)(T * T)); /* reserved by the caller; NULL only if memory ran out */
  for (long p = p0; p < p1; p++) {
    const long b = p / H, h = p % H;
    const long base = b * T * W + h * d;
    const float *q = j->qkv + base, *k = q + D, *v = q + 2 * D;
    float *dq = j->dqkv + base, *dk = dq + D, *dv = dq + 2 * D;
    const float *P = j->probs_in + p * T * T, *dO = j->dout + b * T * D + h * d;
    if (dS == NULL) { /* out of memory: poison this head's gradient rather than return a wrong one */
      for (long t = 0; t < T; t++)
        for (long c = 0; c < d; c++) dq[t * W + c] = dk[t * W + c] = dv[t * W + c] = NAN;
      continue;
    }
    narrow_product(true, T, d, T, 1.0f, P, T, dO, D, dv, W);
    k_gemm_serial(false, true, (int)T, (int)T, (int)d, 1.0f, dO, (int)D, v, (int)W, 0.0f, dS, (int)T);
    for (long r = 0; r < T; r++) k_softmax_backward_row(dS + r * T, dS + r * T, P + r * T, T);
    narrow_product(false, T, d, T, scale, dS, T, k, W, dq, W);
    narrow_product(true, T, d, T, scale, dS, T, q, W, dk, W);
  }
}

void k_attention_backward(float *dqkv, const float *dout, const float *qkv, const float *probs, long B, long T,
                          long H, long d) {
  attn_job j = {.dqkv = dqkv, .dout = dout, .qkv = qkv, .probs_in = probs, .T = T, .H = H, .d = d};
  pool_for(B * H, heads_per_task(T, d), attention_backward_heads, &j);
}

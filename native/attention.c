/*
 * Non-causal multi-head attention over a packed qkv [B, T, 3·H·d] (fast version of
 * src/tensor/reference/attention.ts, where the math is written out). Work is split over the B·H
 * (batch row, head) pairs: each pool task runs its heads' products as single-threaded sgemm on strided
 * views of qkv (no copies) and the softmax rows in between, so both threads stay busy even when each
 * per-head product is too small to split.
 */
#include <math.h>

#include "kernels.h"
#include "pool.h"

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
    k_gemm_serial(false, false, (int)T, (int)d, (int)T, 1.0f, P, (int)T, v, (int)W, 0.0f, j->out + b * T * D + h * d,
                  (int)D);
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
    k_gemm_serial(true, false, (int)T, (int)d, (int)T, 1.0f, P, (int)T, dO, (int)D, 0.0f, dv, (int)W);
    k_gemm_serial(false, true, (int)T, (int)T, (int)d, 1.0f, dO, (int)D, v, (int)W, 0.0f, dS, (int)T);
    for (long r = 0; r < T; r++) k_softmax_backward_row(dS + r * T, dS + r * T, P + r * T, T);
    k_gemm_serial(false, false, (int)T, (int)d, (int)T, scale, dS, (int)T, k, (int)W, 0.0f, dq, (int)W);
    k_gemm_serial(true, false, (int)T, (int)d, (int)T, scale, dS, (int)T, q, (int)W, 0.0f, dk, (int)W);
  }
}

void k_attention_backward(float *dqkv, const float *dout, const float *qkv, const float *probs, long B, long T,
                          long H, long d) {
  attn_job j = {.dqkv = dqkv, .dout = dout, .qkv = qkv, .probs_in = probs, .T = T, .H = H, .d = d};
  pool_for(B * H, heads_per_task(T, d), attention_backward_heads, &j);
}

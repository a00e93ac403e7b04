/*
 * The compute kernels behind the addon's entry points, free of N-API: arguments are already checked.
 * Semantics are those of src/tensor/kernels.ts and the pure-TS references in src/tensor/reference/.
 * Dims: R rows, D dim, I SwiGLU inner size, B batch, T sequence, H heads, d head dim, V classes.
 */
#ifndef HRM_KERNELS_H
#define HRM_KERNELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* gemm.c: row-major C = alpha op(A) op(B) + beta C, threaded by splitting rows or columns over the pool */
void k_gemm(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda, const float *B, int ldb,
            float beta, float *C, int ldc);
void k_gemm_batched(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda, long sA,
                    const float *B, int ldb, long sB, float beta, float *C, int ldc, long sC, int batch);
/* single-threaded sgemm for use inside pool tasks */
void k_gemm_serial(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda, const float *B,
                   int ldb, float beta, float *C, int ldc);
const char *k_blas_info(void);
void k_blas_init(void);

/* rows.c: elementwise and row-wise fused kernels */
void k_add(float *out, const float *a, const float *b, long n);
void k_axpy(float *y, float alpha, const float *x, long n);
void k_scale(float *out, float alpha, const float *x, long n);
void k_mul(float *out, const float *a, const float *b, long n);
void k_sigmoid(float *out, const float *x, long n);
void k_bias_backward(float *dbias, const float *dout, long rows, long cols);
void k_add_rmsnorm(float *y, float *rstd, const float *x, const float *res, long rows, long dim, float eps);
void k_rmsnorm_backward(float *dh, const float *dy, const float *y, const float *rstd, long rows, long dim);
void k_swiglu(float *out, const float *gu, long rows, long inter);
void k_swiglu_backward(float *dgu, const float *dout, const float *gu, long rows, long inter);
void k_softmax(float *y, const float *x, long rows, long cols);
void k_softmax_backward(float *dx, const float *dy, const float *y, long rows, long cols);
/* single-row and single-threaded versions for use inside other kernels' pool tasks */
void k_softmax_row(float *y, const float *x, long cols);
void k_softmax_backward_row(float *dx, const float *dy, const float *y, long cols);
void k_add_rmsnorm_serial(float *y, float *rstd, const float *x, const float *res, long rows, long dim, float eps);
void k_swiglu_serial(float *out, const float *gu, long rows, long inter);

/* mlp.c: the post-norm SwiGLU MLP sublayer, y = rms(x + swiglu(x·Wguᵀ)·Wdownᵀ), in row blocks */
void k_mlp(float *y, float *rstd, float *gu, float *hidden, const float *x, const float *wgu, const float *wdown,
           long rows, long dim, long inter, float eps);

/* rope.c, attention.c */
void k_rope(float *qkv, const float *cos, const float *sin, long B, long T, long H, long d, int direction);
void k_attention(float *out, float *probs, const float *qkv, long B, long T, long H, long d);
void k_attention_backward(float *dqkv, const float *dout, const float *qkv, const float *probs, long B, long T,
                          long H, long d);

/* embedding.c (ids already range-checked) */
void k_embedding(float *out, const float *w, const int32_t *ids, long n, long dim, float scale);
void k_embedding_backward(float *dw, const float *dout, const int32_t *ids, long n, long dim, float scale);

/* losses.c (labels already checked) */
void k_stablemax_ce(double *losses, const float *logits, const int32_t *labels, long rows, long vocab);
void k_stablemax_ce_backward(float *dlogits, const float *logits, const int32_t *labels, const double *w,
                             long rows, long vocab);
void k_softmax_ce(double *losses, const float *logits, const int32_t *labels, long rows, long vocab);
void k_softmax_ce_backward(float *dlogits, const float *logits, const int32_t *labels, const double *w,
                           long rows, long vocab);
void k_bce(double *losses, const float *logits, const float *targets, long n);
void k_bce_backward(float *dlogits, const float *logits, const float *targets, const double *w, long n);

/* optim.c: one AdamATan2 step in place */
void k_adam_atan2(float *p, const float *g, float *m, float *v, long n, double lr, double beta1, double beta2,
                  double weight_decay, double step);

/* bf16.c */
void k_f32_to_bf16(uint16_t *out, const float *x, long n);
void k_bf16_to_f32(float *out, const uint16_t *x, long n);

/* which clone HOT functions dispatch to on this CPU: "avx512", "avx2" or "generic" */
const char *k_simd_level(void);

#endif

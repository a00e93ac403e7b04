/*
 * N-API entry points of the products and elementwise ops (see addon.c for the conventions every entry
 * point follows): argument checks first, then the kernel.
 */
#include <node_api.h>

#include "args.h"
#include "entries.h"
#include "kernels.h"
#include "pool.h"

/* A matrix operand: stored [rows, cols] row-major with row stride ld, `batch` items `stride` apart. */
static void check_matrix(args_t *a, const char *name, size_t have, int64_t rows, int64_t cols, int64_t ld,
                         int64_t batch, int64_t stride) {
  if (a->failed) return;
  if (ld < (cols > 1 ? cols : 1)) {
    range_error(a, "ld of %s is %lld, must be >= max(1, %lld columns)", name, (long long)ld, (long long)cols);
    return;
  }
  if (stride < 0) {
    range_error(a, "stride of %s is %lld, must be >= 0", name, (long long)stride);
    return;
  }
  int64_t span = batch == 0 ? 0 : span2d(rows, cols, ld);
  if (span > 0) span += (batch - 1) * stride;
  need_len(a, name, have, span);
}

napi_value js_gemm(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "gemm", 13)) return NULL;
  bool ta = arg_bool(&a, 0, "transA"), tb = arg_bool(&a, 1, "transB");
  int64_t M = arg_int(&a, 2, "M", 0), N = arg_int(&a, 3, "N", 0), K = arg_int(&a, 4, "K", 0);
  float alpha = (float)arg_num(&a, 5, "alpha");
  size_t nA, nB, nC;
  const float *A = arg_f32(&a, 6, "A", &nA);
  int64_t lda = arg_int(&a, 7, "lda", 1);
  const float *B = arg_f32(&a, 8, "B", &nB);
  int64_t ldb = arg_int(&a, 9, "ldb", 1);
  float beta = (float)arg_num(&a, 10, "beta");
  float *C = arg_f32(&a, 11, "C", &nC);
  int64_t ldc = arg_int(&a, 12, "ldc", 1);
  check_matrix(&a, "A", nA, ta ? K : M, ta ? M : K, lda, 1, 0);
  check_matrix(&a, "B", nB, tb ? N : K, tb ? K : N, ldb, 1, 0);
  check_matrix(&a, "C", nC, M, N, ldc, 1, 0);
  if (a.failed) return NULL;
  k_gemm(ta, tb, (int)M, (int)N, (int)K, alpha, A, (int)lda, B, (int)ldb, beta, C, (int)ldc);
  return NULL;
}

napi_value js_gemm_batched(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "gemmBatched", 17)) return NULL;
  bool ta = arg_bool(&a, 0, "transA"), tb = arg_bool(&a, 1, "transB");
  int64_t M = arg_int(&a, 2, "M", 0), N = arg_int(&a, 3, "N", 0), K = arg_int(&a, 4, "K", 0);
  float alpha = (float)arg_num(&a, 5, "alpha");
  size_t nA, nB, nC;
  const float *A = arg_f32(&a, 6, "A", &nA);
  int64_t lda = arg_int(&a, 7, "lda", 1), sA = arg_int(&a, 8, "strideA", 0);
  const float *B = arg_f32(&a, 9, "B", &nB);
  int64_t ldb = arg_int(&a, 10, "ldb", 1), sB = arg_int(&a, 11, "strideB", 0);
  float beta = (float)arg_num(&a, 12, "beta");
  float *C = arg_f32(&a, 13, "C", &nC);
  int64_t ldc = arg_int(&a, 14, "ldc", 1), sC = arg_int(&a, 15, "strideC", 0);
  int64_t batch = arg_int(&a, 16, "batch", 0);
  check_matrix(&a, "A", nA, ta ? K : M, ta ? M : K, lda, batch, sA);
  check_matrix(&a, "B", nB, tb ? N : K, tb ? K : N, ldb, batch, sB);
  check_matrix(&a, "C", nC, M, N, ldc, batch, sC);
  if (a.failed) return NULL;
  k_gemm_batched(ta, tb, (int)M, (int)N, (int)K, alpha, A, (int)lda, sA, B, (int)ldb, sB, beta, C, (int)ldc, sC,
                 (int)batch);
  return NULL;
}

/* out, a, b, n (binary) or out, alpha, x, n (scaled unary) elementwise entry points */
static napi_value elementwise(napi_env env, napi_callback_info info, const char *fn, int kind) {
  args_t a;
  if (!args_init(&a, env, info, fn, kind == 2 ? 3 : 4)) return NULL;
  size_t n0, n1, n2 = 0;
  float *out = arg_f32(&a, 0, kind == 1 ? "y" : "out", &n0);
  float alpha = 0;
  const float *x, *y = NULL;
  int64_t n;
  if (kind == 0) { /* out, a, b, n */
    x = arg_f32(&a, 1, "a", &n1);
    y = arg_f32(&a, 2, "b", &n2);
    n = arg_int(&a, 3, "n", 0);
    need_len(&a, "b", n2, n);
  } else if (kind == 1) { /* y|out, alpha, x, n */
    alpha = (float)arg_num(&a, 1, "alpha");
    x = arg_f32(&a, 2, "x", &n1);
    n = arg_int(&a, 3, "n", 0);
  } else { /* out, x, n */
    x = arg_f32(&a, 1, "x", &n1);
    n = arg_int(&a, 2, "n", 0);
  }
  need_len(&a, kind == 1 ? "y" : "out", n0, n);
  need_len(&a, kind == 0 ? "a" : "x", n1, n);
  if (a.failed) return NULL;
  switch (fn[0]) {
    case 'a': /* add, axpy */
      if (fn[1] == 'd') k_add(out, x, y, n);
      else k_axpy(out, alpha, x, n);
      break;
    case 's':
      if (fn[1] == 'c') k_scale(out, alpha, x, n);
      else k_sigmoid(out, x, n);
      break;
    default:
      k_mul(out, x, y, n);
  }
  return NULL;
}

napi_value js_add(napi_env env, napi_callback_info info) { return elementwise(env, info, "add", 0); }
napi_value js_mul(napi_env env, napi_callback_info info) { return elementwise(env, info, "mul", 0); }
napi_value js_axpy(napi_env env, napi_callback_info info) { return elementwise(env, info, "axpy", 1); }
napi_value js_scale(napi_env env, napi_callback_info info) { return elementwise(env, info, "scale", 1); }
napi_value js_sigmoid(napi_env env, napi_callback_info info) { return elementwise(env, info, "sigmoid", 2); }

napi_value js_bias_backward(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "biasBackward", 4)) return NULL;
  size_t n0, n1;
  float *db = arg_f32(&a, 0, "dBias", &n0);
  const float *d = arg_f32(&a, 1, "dOut", &n1);
  int64_t rows = arg_int(&a, 2, "rows", 0), cols = arg_int(&a, 3, "cols", 0);
  need_len(&a, "dBias", n0, cols);
  need_len(&a, "dOut", n1, rows * cols);
  if (a.failed) return NULL;
  k_bias_backward(db, d, rows, cols);
  return NULL;
}

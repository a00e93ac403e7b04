/*
 * The N-API entry points of hrm_tensor.node: one per op of src/tensor/kernels.ts, with the same names and
 * argument order. Each one reads its arguments through args.h (types, integer dims, buffer lengths,
 * strides, ids and labels in range), and only then calls the kernel; a bad call throws a TypeError or
 * RangeError naming the argument and never touches memory outside the arrays it was given.
 */
#include <node_api.h>

#include "args.h"
#include "kernels.h"
#include "pool.h"

#define IGNORE_LABEL (-100)

/* A matrix operand: stored [rows, cols] row-major with row stride ld. */
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
  int64_t span = span2d(rows, cols, ld);
  if (span > 0 && batch > 0) span += (batch - 1) * stride;
  need_len(a, name, have, span);
}

static napi_value js_gemm(napi_env env, napi_callback_info info) {
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

static napi_value js_gemm_batched(napi_env env, napi_callback_info info) {
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

static napi_value js_add(napi_env env, napi_callback_info info) { return elementwise(env, info, "add", 0); }
static napi_value js_mul(napi_env env, napi_callback_info info) { return elementwise(env, info, "mul", 0); }
static napi_value js_axpy(napi_env env, napi_callback_info info) { return elementwise(env, info, "axpy", 1); }
static napi_value js_scale(napi_env env, napi_callback_info info) { return elementwise(env, info, "scale", 1); }
static napi_value js_sigmoid(napi_env env, napi_callback_info info) { return elementwise(env, info, "sigmoid", 2); }

static napi_value js_bias_backward(napi_env env, napi_callback_info info) {
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

static napi_value js_add_rmsnorm(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "addRmsnormForward", 7)) return NULL;
  size_t ny, nr, nx, nres;
  float *y = arg_f32(&a, 0, "y", &ny), *rstd = arg_f32(&a, 1, "rstd", &nr);
  const float *x = arg_f32(&a, 2, "x", &nx), *res = arg_f32(&a, 3, "residual", &nres);
  int64_t rows = arg_int(&a, 4, "rows", 0), dim = arg_int(&a, 5, "dim", 1);
  float eps = (float)arg_num(&a, 6, "eps");
  need_len(&a, "y", ny, rows * dim);
  need_len(&a, "rstd", nr, rows);
  need_len(&a, "x", nx, rows * dim);
  need_len(&a, "residual", nres, rows * dim);
  if (a.failed) return NULL;
  k_add_rmsnorm(y, rstd, x, res, rows, dim, eps);
  return NULL;
}

static napi_value js_rmsnorm_backward(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "rmsnormBackward", 6)) return NULL;
  size_t ndh, ndy, ny, nr;
  float *dh = arg_f32(&a, 0, "dh", &ndh);
  const float *dy = arg_f32(&a, 1, "dy", &ndy), *y = arg_f32(&a, 2, "y", &ny), *rstd = arg_f32(&a, 3, "rstd", &nr);
  int64_t rows = arg_int(&a, 4, "rows", 0), dim = arg_int(&a, 5, "dim", 1);
  need_len(&a, "dh", ndh, rows * dim);
  need_len(&a, "dy", ndy, rows * dim);
  need_len(&a, "y", ny, rows * dim);
  need_len(&a, "rstd", nr, rows);
  if (a.failed) return NULL;
  k_rmsnorm_backward(dh, dy, y, rstd, rows, dim);
  return NULL;
}

static napi_value js_swiglu(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "swigluForward", 4)) return NULL;
  size_t no, ng;
  float *out = arg_f32(&a, 0, "out", &no);
  const float *gu = arg_f32(&a, 1, "gateUp", &ng);
  int64_t rows = arg_int(&a, 2, "rows", 0), inter = arg_int(&a, 3, "inter", 0);
  need_len(&a, "out", no, rows * inter);
  need_len(&a, "gateUp", ng, rows * 2 * inter);
  if (a.failed) return NULL;
  k_swiglu(out, gu, rows, inter);
  return NULL;
}

static napi_value js_swiglu_backward(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "swigluBackward", 5)) return NULL;
  size_t ndg, nd, ng;
  float *dgu = arg_f32(&a, 0, "dGateUp", &ndg);
  const float *d = arg_f32(&a, 1, "dOut", &nd), *gu = arg_f32(&a, 2, "gateUp", &ng);
  int64_t rows = arg_int(&a, 3, "rows", 0), inter = arg_int(&a, 4, "inter", 0);
  need_len(&a, "dGateUp", ndg, rows * 2 * inter);
  need_len(&a, "dOut", nd, rows * inter);
  need_len(&a, "gateUp", ng, rows * 2 * inter);
  if (a.failed) return NULL;
  k_swiglu_backward(dgu, d, gu, rows, inter);
  return NULL;
}

static napi_value rope(napi_env env, napi_callback_info info, const char *fn, int direction) {
  args_t a;
  if (!args_init(&a, env, info, fn, 7)) return NULL;
  size_t nq, nc, ns;
  float *qkv = arg_f32(&a, 0, direction > 0 ? "qkv" : "dqkv", &nq);
  const float *c = arg_f32(&a, 1, "cos", &nc), *s = arg_f32(&a, 2, "sin", &ns);
  int64_t B = arg_int(&a, 3, "batch", 0), T = arg_int(&a, 4, "seq", 0), H = arg_int(&a, 5, "heads", 1);
  int64_t d = arg_int(&a, 6, "headDim", 2);
  if (!a.failed && d % 2 != 0) range_error(&a, "headDim must be even for RoPE, got %lld", (long long)d);
  need_len(&a, direction > 0 ? "qkv" : "dqkv", nq, B * T * 3 * H * d);
  need_len(&a, "cos", nc, T * d / 2);
  need_len(&a, "sin", ns, T * d / 2);
  if (a.failed) return NULL;
  k_rope(qkv, c, s, B, T, H, d, direction);
  return NULL;
}

static napi_value js_rope(napi_env env, napi_callback_info info) { return rope(env, info, "ropeForward", 1); }
static napi_value js_rope_backward(napi_env env, napi_callback_info info) {
  return rope(env, info, "ropeBackward", -1);
}

static napi_value js_attention(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "attentionForward", 7)) return NULL;
  size_t no, np, nq;
  float *out = arg_f32(&a, 0, "out", &no), *probs = arg_f32(&a, 1, "probs", &np);
  const float *qkv = arg_f32(&a, 2, "qkv", &nq);
  int64_t B = arg_int(&a, 3, "batch", 0), T = arg_int(&a, 4, "seq", 0), H = arg_int(&a, 5, "heads", 1);
  int64_t d = arg_int(&a, 6, "headDim", 1);
  need_len(&a, "out", no, B * T * H * d);
  need_len(&a, "probs", np, B * H * T * T);
  need_len(&a, "qkv", nq, B * T * 3 * H * d);
  if (a.failed) return NULL;
  k_attention(out, probs, qkv, B, T, H, d);
  return NULL;
}

static napi_value js_attention_backward(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "attentionBackward", 8)) return NULL;
  size_t ndq, nd, nq, np;
  float *dqkv = arg_f32(&a, 0, "dqkv", &ndq);
  const float *dout = arg_f32(&a, 1, "dOut", &nd), *qkv = arg_f32(&a, 2, "qkv", &nq);
  const float *probs = arg_f32(&a, 3, "probs", &np);
  int64_t B = arg_int(&a, 4, "batch", 0), T = arg_int(&a, 5, "seq", 0), H = arg_int(&a, 6, "heads", 1);
  int64_t d = arg_int(&a, 7, "headDim", 1);
  need_len(&a, "dqkv", ndq, B * T * 3 * H * d);
  need_len(&a, "dOut", nd, B * T * H * d);
  need_len(&a, "qkv", nq, B * T * 3 * H * d);
  need_len(&a, "probs", np, B * H * T * T);
  if (a.failed) return NULL;
  if (pool_reserve_scratch((size_t)(T * T)) != 0) {
    napi_throw_error(env, NULL, "attentionBackward: out of memory for the [T, T] scratch");
    return NULL;
  }
  k_attention_backward(dqkv, dout, qkv, probs, B, T, H, d);
  return NULL;
}

static napi_value softmax(napi_env env, napi_callback_info info, bool backward) {
  args_t a;
  if (!args_init(&a, env, info, backward ? "softmaxBackward" : "softmaxForward", backward ? 5 : 4)) return NULL;
  size_t n0, n1, n2 = 0;
  float *out = arg_f32(&a, 0, backward ? "dx" : "y", &n0);
  const float *x = arg_f32(&a, 1, backward ? "dy" : "x", &n1);
  const float *y = backward ? arg_f32(&a, 2, "y", &n2) : NULL;
  int64_t rows = arg_int(&a, backward ? 3 : 2, "rows", 0), cols = arg_int(&a, backward ? 4 : 3, "cols", 0);
  need_len(&a, backward ? "dx" : "y", n0, rows * cols);
  need_len(&a, backward ? "dy" : "x", n1, rows * cols);
  if (backward) need_len(&a, "y", n2, rows * cols);
  if (a.failed) return NULL;
  if (backward) k_softmax_backward(out, x, y, rows, cols);
  else k_softmax(out, x, rows, cols);
  return NULL;
}

static napi_value js_softmax(napi_env env, napi_callback_info info) { return softmax(env, info, false); }
static napi_value js_softmax_backward(napi_env env, napi_callback_info info) { return softmax(env, info, true); }

static napi_value embedding(napi_env env, napi_callback_info info, bool backward) {
  args_t a;
  if (!args_init(&a, env, info, backward ? "embeddingBackward" : "embeddingForward", 6)) return NULL;
  size_t n0, n1, nids;
  float *first = arg_f32(&a, 0, backward ? "dWeight" : "out", &n0);
  float *second = arg_f32(&a, 1, backward ? "dOut" : "weight", &n1);
  const int32_t *ids = arg_i32(&a, 2, "ids", &nids);
  int64_t n = arg_int(&a, 3, "n", 0), dim = arg_int(&a, 4, "dim", 1);
  float scale = (float)arg_num(&a, 5, "scale");
  size_t table_len = backward ? n0 : n1;
  need_len(&a, backward ? "dOut" : "out", backward ? n1 : n0, n * dim);
  need_len(&a, "ids", nids, n);
  if (a.failed) return NULL;
  const int64_t vocab = (int64_t)table_len / dim;
  for (int64_t i = 0; i < n; i++) {
    if (ids[i] < 0 || ids[i] >= vocab) {
      range_error(&a, "ids[%lld] = %d is outside [0, %lld)", (long long)i, ids[i], (long long)vocab);
      return NULL;
    }
  }
  if (backward) k_embedding_backward(first, second, ids, n, dim, scale);
  else k_embedding(first, second, ids, n, dim, scale);
  return NULL;
}

static napi_value js_embedding(napi_env env, napi_callback_info info) { return embedding(env, info, false); }
static napi_value js_embedding_backward(napi_env env, napi_callback_info info) {
  return embedding(env, info, true);
}

static bool check_labels(args_t *a, const int32_t *labels, int64_t rows, int64_t vocab) {
  if (a->failed) return false;
  for (int64_t r = 0; r < rows; r++) {
    if (labels[r] != IGNORE_LABEL && (labels[r] < 0 || labels[r] >= vocab)) {
      range_error(a, "labels[%lld] = %d is outside [0, %lld) and not -100", (long long)r, labels[r],
                  (long long)vocab);
      return false;
    }
  }
  return true;
}

/* losses, logits, labels, rows, vocab */
static napi_value ce_forward(napi_env env, napi_callback_info info, const char *fn, bool stablemax) {
  args_t a;
  if (!args_init(&a, env, info, fn, 5)) return NULL;
  size_t nl, nx, ny;
  double *losses = arg_f64(&a, 0, "losses", &nl);
  const float *logits = arg_f32(&a, 1, "logits", &nx);
  const int32_t *labels = arg_i32(&a, 2, "labels", &ny);
  int64_t rows = arg_int(&a, 3, "rows", 0), vocab = arg_int(&a, 4, "vocab", 1);
  need_len(&a, "losses", nl, rows);
  need_len(&a, "logits", nx, rows * vocab);
  need_len(&a, "labels", ny, rows);
  if (!check_labels(&a, labels, rows, vocab)) return NULL;
  if (stablemax) k_stablemax_ce(losses, logits, labels, rows, vocab);
  else k_softmax_ce(losses, logits, labels, rows, vocab);
  return NULL;
}

/* dLogits, logits, labels, weights, rows, vocab */
static napi_value ce_backward(napi_env env, napi_callback_info info, const char *fn, bool stablemax) {
  args_t a;
  if (!args_init(&a, env, info, fn, 6)) return NULL;
  size_t nd, nx, ny, nw;
  float *dlogits = arg_f32(&a, 0, "dLogits", &nd);
  const float *logits = arg_f32(&a, 1, "logits", &nx);
  const int32_t *labels = arg_i32(&a, 2, "labels", &ny);
  const double *w = arg_f64(&a, 3, "weights", &nw);
  int64_t rows = arg_int(&a, 4, "rows", 0), vocab = arg_int(&a, 5, "vocab", 1);
  need_len(&a, "dLogits", nd, rows * vocab);
  need_len(&a, "logits", nx, rows * vocab);
  need_len(&a, "labels", ny, rows);
  need_len(&a, "weights", nw, rows);
  if (!check_labels(&a, labels, rows, vocab)) return NULL;
  if (stablemax) k_stablemax_ce_backward(dlogits, logits, labels, w, rows, vocab);
  else k_softmax_ce_backward(dlogits, logits, labels, w, rows, vocab);
  return NULL;
}

static napi_value js_stablemax_ce(napi_env env, napi_callback_info info) {
  return ce_forward(env, info, "stablemaxCrossEntropyForward", true);
}
static napi_value js_stablemax_ce_backward(napi_env env, napi_callback_info info) {
  return ce_backward(env, info, "stablemaxCrossEntropyBackward", true);
}
static napi_value js_softmax_ce(napi_env env, napi_callback_info info) {
  return ce_forward(env, info, "softmaxCrossEntropyForward", false);
}
static napi_value js_softmax_ce_backward(napi_env env, napi_callback_info info) {
  return ce_backward(env, info, "softmaxCrossEntropyBackward", false);
}

static napi_value js_bce(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "bceWithLogitsForward", 4)) return NULL;
  size_t nl, nx, nt;
  double *losses = arg_f64(&a, 0, "losses", &nl);
  const float *x = arg_f32(&a, 1, "logits", &nx), *t = arg_f32(&a, 2, "targets", &nt);
  int64_t n = arg_int(&a, 3, "n", 0);
  need_len(&a, "losses", nl, n);
  need_len(&a, "logits", nx, n);
  need_len(&a, "targets", nt, n);
  if (a.failed) return NULL;
  k_bce(losses, x, t, n);
  return NULL;
}

static napi_value js_bce_backward(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "bceWithLogitsBackward", 5)) return NULL;
  size_t nd, nx, nt, nw;
  float *d = arg_f32(&a, 0, "dLogits", &nd);
  const float *x = arg_f32(&a, 1, "logits", &nx), *t = arg_f32(&a, 2, "targets", &nt);
  const double *w = arg_f64(&a, 3, "weights", &nw);
  int64_t n = arg_int(&a, 4, "n", 0);
  need_len(&a, "dLogits", nd, n);
  need_len(&a, "logits", nx, n);
  need_len(&a, "targets", nt, n);
  need_len(&a, "weights", nw, n);
  if (a.failed) return NULL;
  k_bce_backward(d, x, t, w, n);
  return NULL;
}

static napi_value js_adam_atan2(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "adamAtan2", 10)) return NULL;
  size_t np, ng, nm, nv;
  float *p = arg_f32(&a, 0, "p", &np), *m = arg_f32(&a, 2, "m", &nm), *v = arg_f32(&a, 3, "v", &nv);
  const float *g = arg_f32(&a, 1, "g", &ng);
  int64_t n = arg_int(&a, 4, "n", 0);
  double lr = arg_num(&a, 5, "lr"), beta1 = arg_num(&a, 6, "beta1"), beta2 = arg_num(&a, 7, "beta2");
  double wd = arg_num(&a, 8, "weightDecay");
  int64_t step = arg_int(&a, 9, "step", 1);
  if (!a.failed && (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1))
    range_error(&a, "betas must be in [0, 1), got %g and %g", beta1, beta2);
  need_len(&a, "p", np, n);
  need_len(&a, "g", ng, n);
  need_len(&a, "m", nm, n);
  need_len(&a, "v", nv, n);
  if (a.failed) return NULL;
  k_adam_atan2(p, g, m, v, n, lr, beta1, beta2, wd, (double)step);
  return NULL;
}

static napi_value js_f32_to_bf16(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "f32ToBf16", 3)) return NULL;
  size_t no, nx;
  uint16_t *out = arg_u16(&a, 0, "out", &no);
  const float *x = arg_f32(&a, 1, "x", &nx);
  int64_t n = arg_int(&a, 2, "n", 0);
  need_len(&a, "out", no, n);
  need_len(&a, "x", nx, n);
  if (a.failed) return NULL;
  k_f32_to_bf16(out, x, n);
  return NULL;
}

static napi_value js_bf16_to_f32(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "bf16ToF32", 3)) return NULL;
  size_t no, nx;
  float *out = arg_f32(&a, 0, "out", &no);
  const uint16_t *x = arg_u16(&a, 1, "x", &nx);
  int64_t n = arg_int(&a, 2, "n", 0);
  need_len(&a, "out", no, n);
  need_len(&a, "x", nx, n);
  if (a.failed) return NULL;
  k_bf16_to_f32(out, x, n);
  return NULL;
}

static napi_value js_set_threads(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "setThreads", 1)) return NULL;
  int64_t n = arg_int(&a, 0, "threads", 1);
  if (!a.failed && n > 256) range_error(&a, "threads must be <= 256, got %lld", (long long)n);
  if (a.failed) return NULL;
  if (pool_set_threads((int)n) != 0) napi_throw_error(env, NULL, "setThreads: could not start worker threads");
  return NULL;
}

static napi_value js_get_threads(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value v;
  napi_create_int32(env, pool_threads(), &v);
  return v;
}

static napi_value js_blas_info(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value v;
  napi_create_string_utf8(env, k_blas_info(), NAPI_AUTO_LENGTH, &v);
  return v;
}

static napi_value js_simd_level(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value v;
  napi_create_string_utf8(env, k_simd_level(), NAPI_AUTO_LENGTH, &v);
  return v;
}

const char *k_simd_level(void) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("x86-64-v4")) return "avx512";
  if (__builtin_cpu_supports("x86-64-v3")) return "avx2";
#endif
  return "generic";
}

static napi_value init(napi_env env, napi_value exports) {
  k_blas_init();
  const napi_property_descriptor props[] = {
#define FN(name, impl) {name, NULL, impl, NULL, NULL, NULL, napi_enumerable, NULL}
      FN("gemm", js_gemm),
      FN("gemmBatched", js_gemm_batched),
      FN("add", js_add),
      FN("axpy", js_axpy),
      FN("scale", js_scale),
      FN("mul", js_mul),
      FN("biasBackward", js_bias_backward),
      FN("addRmsnormForward", js_add_rmsnorm),
      FN("rmsnormBackward", js_rmsnorm_backward),
      FN("swigluForward", js_swiglu),
      FN("swigluBackward", js_swiglu_backward),
      FN("ropeForward", js_rope),
      FN("ropeBackward", js_rope_backward),
      FN("attentionForward", js_attention),
      FN("attentionBackward", js_attention_backward),
      FN("softmaxForward", js_softmax),
      FN("softmaxBackward", js_softmax_backward),
      FN("embeddingForward", js_embedding),
      FN("embeddingBackward", js_embedding_backward),
      FN("stablemaxCrossEntropyForward", js_stablemax_ce),
      FN("stablemaxCrossEntropyBackward", js_stablemax_ce_backward),
      FN("softmaxCrossEntropyForward", js_softmax_ce),
      FN("softmaxCrossEntropyBackward", js_softmax_ce_backward),
      FN("sigmoid", js_sigmoid),
      FN("bceWithLogitsForward", js_bce),
      FN("bceWithLogitsBackward", js_bce_backward),
      FN("adamAtan2", js_adam_atan2),
      FN("f32ToBf16", js_f32_to_bf16),
      FN("bf16ToF32", js_bf16_to_f32),
      FN("setThreads", js_set_threads),
      FN("getThreads", js_get_threads),
      FN("blasInfo", js_blas_info),
      FN("simdLevel", js_simd_level),
#undef FN
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)

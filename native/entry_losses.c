/*
 * N-API entry points of the losses, the optimizer step and bf16 conversion (see addon.c for the
 * conventions every entry point follows). Labels are range-checked here, before any thread starts.
 */
#include <node_api.h>

#include "args.h"
#include "entries.h"
#include "kernels.h"
#include "pool.h"

#define IGNORE_LABEL (-100)

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

napi_value js_stablemax_ce(napi_env env, napi_callback_info info) {
  return ce_forward(env, info, "stablemaxCrossEntropyForward", true);
}
napi_value js_stablemax_ce_backward(napi_env env, napi_callback_info info) {
  return ce_backward(env, info, "stablemaxCrossEntropyBackward", true);
}
napi_value js_softmax_ce(napi_env env, napi_callback_info info) {
  return ce_forward(env, info, "softmaxCrossEntropyForward", false);
}
napi_value js_softmax_ce_backward(napi_env env, napi_callback_info info) {
  return ce_backward(env, info, "softmaxCrossEntropyBackward", false);
}

napi_value js_bce(napi_env env, napi_callback_info info) {
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

napi_value js_bce_backward(napi_env env, napi_callback_info info) {
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

napi_value js_adam_atan2(napi_env env, napi_callback_info info) {
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

napi_value js_f32_to_bf16(napi_env env, napi_callback_info info) {
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

napi_value js_bf16_to_f32(napi_env env, napi_callback_info info) {
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

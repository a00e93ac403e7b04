/*
 * N-API entry points of the transformer-block kernels: RMSNorm, SwiGLU, RoPE, attention, softmax and
 * embeddings (see addon.c for the conventions every entry point follows).
 */
#include <node_api.h>

#include "args.h"
#include "entries.h"
#include "kernels.h"
#include "pool.h"

napi_value js_add_rmsnorm(napi_env env, napi_callback_info info) {
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

napi_value js_rmsnorm_backward(napi_env env, napi_callback_info info) {
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

/* RangeError when two buffers share memory: the fused MLP reads x until it writes y, row block by block */
static void need_apart(args_t *a, const char *na, const float *pa, size_t la, const char *nb, const float *pb,
                       size_t lb) {
  if (a->failed || la == 0 || lb == 0) return;
  if (pa < pb + lb && pb < pa + la) range_error(a, "%s and %s must not share memory", na, nb);
}

napi_value js_mlp(napi_env env, napi_callback_info info) {
  args_t a;
  if (!args_init(&a, env, info, "mlpForward", 11)) return NULL;
  size_t ny, nr, ng, nh, nx, nwg, nwd;
  float *y = arg_f32(&a, 0, "y", &ny), *rstd = arg_f32(&a, 1, "rstd", &nr);
  float *gu = arg_f32(&a, 2, "gateUp", &ng), *hidden = arg_f32(&a, 3, "hidden", &nh);
  const float *x = arg_f32(&a, 4, "x", &nx), *wgu = arg_f32(&a, 5, "wGateUp", &nwg);
  const float *wd = arg_f32(&a, 6, "wDown", &nwd);
  int64_t rows = arg_int(&a, 7, "rows", 0), dim = arg_int(&a, 8, "dim", 1), inter = arg_int(&a, 9, "inter", 1);
  float eps = (float)arg_num(&a, 10, "eps");
  need_len(&a, "y", ny, rows * dim);
  need_len(&a, "rstd", nr, rows);
  need_len(&a, "gateUp", ng, rows * 2 * inter);
  need_len(&a, "hidden", nh, rows * inter);
  need_len(&a, "x", nx, rows * dim);
  need_len(&a, "wGateUp", nwg, 2 * inter * dim);
  need_len(&a, "wDown", nwd, dim * inter);
  const float *outs[] = {y, rstd, gu, hidden};
  const size_t out_lens[] = {(size_t)(rows * dim), (size_t)rows, (size_t)(rows * 2 * inter), (size_t)(rows * inter)};
  const char *out_names[] = {"y", "rstd", "gateUp", "hidden"};
  for (int i = 0; i < 4 && !a.failed; i++) {
    need_apart(&a, out_names[i], outs[i], out_lens[i], "x", x, (size_t)(rows * dim));
    for (int k = i + 1; k < 4; k++) need_apart(&a, out_names[i], outs[i], out_lens[i], out_names[k], outs[k], out_lens[k]);
  }
  if (a.failed) return NULL;
  k_mlp(y, rstd, gu, hidden, x, wgu, wd, rows, dim, inter, eps);
  return NULL;
}

napi_value js_swiglu(napi_env env, napi_callback_info info) {
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

napi_value js_swiglu_backward(napi_env env, napi_callback_info info) {
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

napi_value js_rope(napi_env env, napi_callback_info info) { return rope(env, info, "ropeForward", 1); }
napi_value js_rope_backward(napi_env env, napi_callback_info info) {
  return rope(env, info, "ropeBackward", -1);
}

napi_value js_attention(napi_env env, napi_callback_info info) {
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

napi_value js_attention_backward(napi_env env, napi_callback_info info) {
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

napi_value js_softmax(napi_env env, napi_callback_info info) { return softmax(env, info, false); }
napi_value js_softmax_backward(napi_env env, napi_callback_info info) { return softmax(env, info, true); }

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

napi_value js_embedding(napi_env env, napi_callback_info info) { return embedding(env, info, false); }
napi_value js_embedding_backward(napi_env env, napi_callback_info info) {
  return embedding(env, info, true);
}

/*
 * hrm_tensor.node: module registration, thread control and build information. The op entry points live
 * in entry_*.c, one per op of src/tensor/kernels.ts with the same names and argument order. Each one reads
 * its arguments through args.h (types, integer dims, buffer lengths, strides, ids and labels in range),
 * and only then calls the kernel; a bad call throws a TypeError or RangeError naming the argument and
 * never touches memory outside the arrays it was given.
 */
#include <node_api.h>

#include "args.h"
#include "entries.h"
#include "kernels.h"
#include "pool.h"

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
      FN("mlpForward", js_mlp),
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

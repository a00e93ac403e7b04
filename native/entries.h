/* The checked N-API entry points, one per op of src/tensor/kernels.ts, registered in addon.c. */
#ifndef HRM_ENTRIES_H
#define HRM_ENTRIES_H

#include <node_api.h>

napi_value js_gemm(napi_env env, napi_callback_info info);
napi_value js_gemm_batched(napi_env env, napi_callback_info info);
napi_value js_add(napi_env env, napi_callback_info info);
napi_value js_mul(napi_env env, napi_callback_info info);
napi_value js_axpy(napi_env env, napi_callback_info info);
napi_value js_scale(napi_env env, napi_callback_info info);
napi_value js_sigmoid(napi_env env, napi_callback_info info);
napi_value js_bias_backward(napi_env env, napi_callback_info info);
napi_value js_add_rmsnorm(napi_env env, napi_callback_info info);
napi_value js_rmsnorm_backward(napi_env env, napi_callback_info info);
napi_value js_mlp(napi_env env, napi_callback_info info);
napi_value js_swiglu(napi_env env, napi_callback_info info);
napi_value js_swiglu_backward(napi_env env, napi_callback_info info);
napi_value js_rope(napi_env env, napi_callback_info info);
napi_value js_rope_backward(napi_env env, napi_callback_info info);
napi_value js_attention(napi_env env, napi_callback_info info);
napi_value js_attention_backward(napi_env env, napi_callback_info info);
napi_value js_softmax(napi_env env, napi_callback_info info);
napi_value js_softmax_backward(napi_env env, napi_callback_info info);
napi_value js_embedding(napi_env env, napi_callback_info info);
napi_value js_embedding_backward(napi_env env, napi_callback_info info);
napi_value js_stablemax_ce(napi_env env, napi_callback_info info);
napi_value js_stablemax_ce_backward(napi_env env, napi_callback_info info);
napi_value js_softmax_ce(napi_env env, napi_callback_info info);
napi_value js_softmax_ce_backward(napi_env env, napi_callback_info info);
napi_value js_bce(napi_env env, napi_callback_info info);
napi_value js_bce_backward(napi_env env, napi_callback_info info);
napi_value js_adam_atan2(napi_env env, napi_callback_info info);
napi_value js_f32_to_bf16(napi_env env, napi_callback_info info);
napi_value js_bf16_to_f32(napi_env env, napi_callback_info info);

#endif

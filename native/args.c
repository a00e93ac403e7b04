/* Checked N-API argument access: see args.h. */
#include "args.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

static void throw_error(args_t *a, bool type_error, const char *fmt, va_list ap) {
  if (a->failed) return;
  a->failed = true;
  char msg[512];
  int n = snprintf(msg, sizeof msg, "%s: ", a->fn);
  if (n < 0) n = 0;
  vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
  if (type_error) napi_throw_type_error(a->env, NULL, msg);
  else napi_throw_range_error(a->env, NULL, msg);
}

static void type_error(args_t *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  throw_error(a, true, fmt, ap);
  va_end(ap);
}

void range_error(args_t *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  throw_error(a, false, fmt, ap);
  va_end(ap);
}

bool args_init(args_t *a, napi_env env, napi_callback_info info, const char *fn, size_t expected) {
  a->env = env;
  a->fn = fn;
  a->failed = false;
  a->argc = MAX_ARGS;
  if (napi_get_cb_info(env, info, &a->argc, a->argv, NULL, NULL) != napi_ok) {
    type_error(a, "could not read arguments");
    return false;
  }
  if (a->argc != expected) {
    type_error(a, "expected %zu arguments, got %zu", expected, a->argc);
    return false;
  }
  return true;
}

static void *typed(args_t *a, size_t i, const char *name, napi_typedarray_type want, const char *want_name,
                   size_t *len) {
  *len = 0;
  if (a->failed) return NULL;
  bool is_typed = false;
  napi_is_typedarray(a->env, a->argv[i], &is_typed);
  napi_typedarray_type type;
  void *data = NULL;
  if (!is_typed || napi_get_typedarray_info(a->env, a->argv[i], &type, len, &data, NULL, NULL) != napi_ok ||
      type != want) {
    type_error(a, "argument %s must be a %s", name, want_name);
    *len = 0;
    return NULL;
  }
  return data;
}

float *arg_f32(args_t *a, size_t i, const char *name, size_t *len) {
  return typed(a, i, name, napi_float32_array, "Float32Array", len);
}
double *arg_f64(args_t *a, size_t i, const char *name, size_t *len) {
  return typed(a, i, name, napi_float64_array, "Float64Array", len);
}
int32_t *arg_i32(args_t *a, size_t i, const char *name, size_t *len) {
  return typed(a, i, name, napi_int32_array, "Int32Array", len);
}
uint16_t *arg_u16(args_t *a, size_t i, const char *name, size_t *len) {
  return typed(a, i, name, napi_uint16_array, "Uint16Array", len);
}

double arg_num(args_t *a, size_t i, const char *name) {
  if (a->failed) return 0;
  double v = 0;
  if (napi_get_value_double(a->env, a->argv[i], &v) != napi_ok) {
    type_error(a, "argument %s must be a number", name);
    return 0;
  }
  if (!isfinite(v)) range_error(a, "argument %s must be finite, got %g", name, v);
  return v;
}

int64_t arg_int(args_t *a, size_t i, const char *name, int64_t min) {
  double v = arg_num(a, i, name);
  if (a->failed) return 0;
  if (v != floor(v) || v < (double)min || v > 2147483647.0) {
    range_error(a, "argument %s must be an integer in [%lld, 2^31), got %g", name, (long long)min, v);
    return 0;
  }
  return (int64_t)v;
}

bool arg_bool(args_t *a, size_t i, const char *name) {
  if (a->failed) return false;
  bool v = false;
  if (napi_get_value_bool(a->env, a->argv[i], &v) != napi_ok) type_error(a, "argument %s must be a boolean", name);
  return v;
}

void need_len(args_t *a, const char *name, size_t have, int64_t need) {
  if (a->failed) return;
  if (need < 0 || (uint64_t)need > (uint64_t)have)
    range_error(a, "%s has %zu elements, needs %lld", name, have, (long long)need);
}

int64_t span2d(int64_t rows, int64_t cols, int64_t ld) {
  if (rows <= 0 || cols <= 0) return 0;
  return (rows - 1) * ld + cols;
}

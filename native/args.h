/*
 * Checked argument access at the N-API boundary. Every entry point reads its arguments through these
 * helpers; the first bad argument throws a JS TypeError (wrong type) or RangeError (bad value, buffer too
 * short) naming the function and the argument, and marks the call failed so the kernel never runs.
 * Nothing here aborts the process.
 */
#ifndef HRM_ARGS_H
#define HRM_ARGS_H

#include <node_api.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MAX_ARGS 20

typedef struct {
  napi_env env;
  const char *fn;
  size_t argc;
  napi_value argv[MAX_ARGS];
  bool failed;
} args_t;

/* reads the call's arguments; throws a TypeError unless exactly `expected` were passed */
bool args_init(args_t *a, napi_env env, napi_callback_info info, const char *fn, size_t expected);

/* typed-array arguments: pointer to the first element and the element count in *len */
float *arg_f32(args_t *a, size_t i, const char *name, size_t *len);
double *arg_f64(args_t *a, size_t i, const char *name, size_t *len);
int32_t *arg_i32(args_t *a, size_t i, const char *name, size_t *len);
uint16_t *arg_u16(args_t *a, size_t i, const char *name, size_t *len);

/* numbers: any finite number / an integer in [min, 2^31 - 1] / a boolean */
double arg_num(args_t *a, size_t i, const char *name);
int64_t arg_int(args_t *a, size_t i, const char *name, int64_t min);
bool arg_bool(args_t *a, size_t i, const char *name);

/* RangeError unless a buffer of `have` elements holds `need` */
void need_len(args_t *a, const char *name, size_t have, int64_t need);

/* RangeError with a formatted message (prefixed by the function name) */
void range_error(args_t *a, const char *fmt, ...);

/* elements a row-major [rows, cols] matrix with row stride ld spans (0 if empty) */
int64_t span2d(int64_t rows, int64_t cols, int64_t ld);

#endif

/*
 * A small pthread pool shared by sgemm and the fused kernels. The calling (JS) thread is worker 0, so a
 * pool of n threads starts n - 1 pthreads. Idle workers spin for a few microseconds (so back-to-back
 * kernel calls do not pay a wake-up), then sleep on a condition variable: no busy-waiting between calls,
 * hence no spin fights with OpenBLAS or other processes (the OpenMP trap of docs/engine.md section 4).
 */
#ifndef HRM_POOL_H
#define HRM_POOL_H

#include <stddef.h>

/* body of a parallel loop: process items [start, end) as thread `tid` (0 = caller) */
typedef void (*pool_fn)(void *ctx, long start, long end, int tid);

/* resizes the pool to `threads` (>= 1); returns 0 on success */
int pool_set_threads(int threads);

/* current pool size, the caller included */
int pool_threads(void);

/*
 * Runs fn over [0, n) cut into contiguous chunks of at least `grain` items (about four per thread),
 * which the threads take in turn until none is left, and returns when all are done. The caller waits only
 * for chunks other threads have claimed: a worker that has not woken up yet is not waited for (it finds
 * the job over and takes nothing). Runs inline (one call, tid 0) when the pool has one thread or
 * n < 2 * grain.
 */
void pool_for(long n, long grain, pool_fn fn, void *ctx);

/*
 * Per-thread scratch of at least `floats` floats for thread `tid` of the running loop (64-byte aligned;
 * the caller's is thread-local). Reserve it first from the calling thread with pool_reserve_scratch, so
 * no task allocates and an allocation failure can be reported; returns 0, or -1 when out of memory.
 */
int pool_reserve_scratch(size_t floats);
float *pool_scratch(int tid, size_t floats);

#endif

/* The kernel thread pool: see pool.h. */
#include "pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause()
#else
#define CPU_RELAX() ((void)0)
#endif

#define MAX_THREADS 256
/* pause iterations an idle worker (or the waiting caller) spins before sleeping: about 10-20 microseconds */
#define SPIN_ITERATIONS 1000
/* chunks per thread a loop is cut into, so a thread slowed by another process gets less of the work */
#define CHUNKS_PER_THREAD 4

static struct {
  int threads;
  pthread_t tids[MAX_THREADS];
  pthread_mutex_t mu;
  pthread_cond_t start_cv;
  pthread_cond_t done_cv;
  atomic_uint generation;
  unsigned start_generation;
  atomic_int remaining;
  atomic_int sleepers;
  int stop;
  /* the current job (written before generation is bumped) */
  pool_fn fn;
  void *ctx;
  long n;
  long chunk;
  atomic_long next;
  /* per-thread scratch */
  float *scratch[MAX_THREADS];
  size_t scratch_len[MAX_THREADS];
} P = {
    .threads = 1,
    .mu = PTHREAD_MUTEX_INITIALIZER,
    .start_cv = PTHREAD_COND_INITIALIZER,
    .done_cv = PTHREAD_COND_INITIALIZER,
};

/* takes chunks of the current loop until none is left (dynamic scheduling) */
static void run_chunks(int tid) {
  const long n = P.n, chunk = P.chunk;
  for (;;) {
    long start = atomic_fetch_add_explicit(&P.next, chunk, memory_order_relaxed);
    if (start >= n) return;
    long end = start + chunk < n ? start + chunk : n;
    P.fn(P.ctx, start, end, tid);
  }
}

/* set while a pool_for or a resize is using the workers; a second caller (another JS worker thread) runs
   its loop inline instead of sharing them */
static atomic_flag busy = ATOMIC_FLAG_INIT;

static void *worker_main(void *arg) {
  int tid = (int)(long)arg;
  /* The generation when the pool was (re)sized, not the current one: a job posted before this thread
     first runs must still count as new, or the caller would wait for it forever. */
  unsigned seen = P.start_generation;
  for (;;) {
    unsigned gen = seen;
    for (int i = 0; i < SPIN_ITERATIONS; i++) {
      gen = atomic_load_explicit(&P.generation, memory_order_acquire);
      if (gen != seen) break;
      CPU_RELAX();
    }
    if (gen == seen) {
      pthread_mutex_lock(&P.mu);
      atomic_fetch_add(&P.sleepers, 1);
      while ((gen = atomic_load(&P.generation)) == seen && !P.stop)
        pthread_cond_wait(&P.start_cv, &P.mu);
      atomic_fetch_sub(&P.sleepers, 1);
      int stop = P.stop;
      pthread_mutex_unlock(&P.mu);
      if (stop) return NULL;
    }
    seen = gen;
    run_chunks(tid);
    if (atomic_fetch_sub_explicit(&P.remaining, 1, memory_order_acq_rel) == 1) {
      pthread_mutex_lock(&P.mu);
      pthread_cond_signal(&P.done_cv);
      pthread_mutex_unlock(&P.mu);
    }
  }
}

static void stop_workers(void) {
  pthread_mutex_lock(&P.mu);
  P.stop = 1;
  pthread_cond_broadcast(&P.start_cv);
  pthread_mutex_unlock(&P.mu);
  for (int i = 1; i < P.threads; i++) pthread_join(P.tids[i], NULL);
  P.stop = 0;
  P.threads = 1;
}

static int resize(int threads) {
  if (threads == P.threads) return 0;
  stop_workers();
  P.start_generation = atomic_load(&P.generation);
  for (int i = 1; i < threads; i++) {
    if (pthread_create(&P.tids[i], NULL, worker_main, (void *)(long)i) != 0) {
      P.threads = i;
      return -1;
    }
    P.threads = i + 1;
  }
  return 0;
}

int pool_set_threads(int threads) {
  if (threads < 1) threads = 1;
  if (threads > MAX_THREADS) threads = MAX_THREADS;
  while (atomic_flag_test_and_set_explicit(&busy, memory_order_acquire)) sched_yield();
  int result = resize(threads);
  atomic_flag_clear_explicit(&busy, memory_order_release);
  return result;
}

int pool_threads(void) { return P.threads; }

void pool_for(long n, long grain, pool_fn fn, void *ctx) {
  if (n <= 0) return;
  if (grain < 1) grain = 1;
  if (P.threads < 2 || n < 2 * grain) {
    fn(ctx, 0, n, 0);
    return;
  }
  if (atomic_flag_test_and_set_explicit(&busy, memory_order_acquire)) {
    fn(ctx, 0, n, 0);
    return;
  }
  long chunk = (n + (long)P.threads * CHUNKS_PER_THREAD - 1) / ((long)P.threads * CHUNKS_PER_THREAD);
  P.fn = fn;
  P.ctx = ctx;
  P.n = n;
  P.chunk = chunk > grain ? chunk : grain;
  atomic_store_explicit(&P.next, 0, memory_order_relaxed);
  atomic_store_explicit(&P.remaining, P.threads - 1, memory_order_relaxed);
  atomic_fetch_add(&P.generation, 1); /* seq_cst: pairs with the sleepers check below */
  if (atomic_load(&P.sleepers) > 0) {
    pthread_mutex_lock(&P.mu);
    pthread_cond_broadcast(&P.start_cv);
    pthread_mutex_unlock(&P.mu);
  }
  run_chunks(0);
  for (int i = 0; i < SPIN_ITERATIONS && atomic_load_explicit(&P.remaining, memory_order_acquire) > 0; i++)
    CPU_RELAX();
  if (atomic_load_explicit(&P.remaining, memory_order_acquire) > 0) {
    pthread_mutex_lock(&P.mu);
    while (atomic_load_explicit(&P.remaining, memory_order_acquire) > 0) pthread_cond_wait(&P.done_cv, &P.mu);
    pthread_mutex_unlock(&P.mu);
  }
  atomic_flag_clear_explicit(&busy, memory_order_release);
}

static float *grow(float **buf, size_t *len, size_t floats) {
  if (*len < floats) {
    free(*buf);
    size_t bytes = ((floats * sizeof(float)) + 63) & ~(size_t)63;
    *buf = aligned_alloc(64, bytes);
    *len = *buf ? floats : 0;
  }
  return *buf;
}

/* the calling thread's scratch is thread-local: JS worker threads may each be a caller */
static _Thread_local float *caller_scratch;
static _Thread_local size_t caller_scratch_len;

float *pool_scratch(int tid, size_t floats) {
  if (tid < 0 || tid >= MAX_THREADS) return NULL;
  if (tid == 0) return grow(&caller_scratch, &caller_scratch_len, floats);
  return grow(&P.scratch[tid], &P.scratch_len[tid], floats);
}

int pool_reserve_scratch(size_t floats) {
  if (grow(&caller_scratch, &caller_scratch_len, floats) == NULL) return -1;
  if (atomic_flag_test_and_set_explicit(&busy, memory_order_acquire)) return 0; /* another caller: runs inline */
  int result = 0;
  for (int tid = 1; tid < P.threads; tid++)
    if (grow(&P.scratch[tid], &P.scratch_len[tid], floats) == NULL) result = -1;
  atomic_flag_clear_explicit(&busy, memory_order_release);
  return result;
}

/* The kernel thread pool: see pool.h. */
#include "pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
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

/*
 * The claim word: the current job's id in the high JOB_BITS bits, the next unclaimed item below. A thread
 * claims a chunk by a compare-and-swap that also checks the job id, so a worker that wakes up late can
 * never take (or count) work of a job that is over: the caller waits only for chunks actually claimed,
 * never for a worker that has not shown up.
 */
#define ITEM_BITS 40
#define ITEM_MASK ((UINT64_C(1) << ITEM_BITS) - 1)
#define JOB_OF(word) ((word) >> ITEM_BITS)

static struct {
  int threads;
  pthread_t tids[MAX_THREADS];
  pthread_mutex_t mu;
  pthread_cond_t start_cv;
  pthread_cond_t done_cv;
  atomic_uint_fast64_t claim;
  atomic_long done;        /* items of the current job finished */
  atomic_int sleepers;     /* workers blocked on start_cv */
  atomic_int caller_waits; /* the caller is (about to be) blocked on done_cv */
  int stop;
  /* the current job (written before its id is published in `claim`, stable until it is done) */
  pool_fn fn;
  void *ctx;
  atomic_long n;     /* atomic only because a late worker may read them while the next job is being set up */
  atomic_long chunk; /* (its claim then fails on the job id) */
  uint64_t job;
  /* per-thread scratch */
  float *scratch[MAX_THREADS];
  size_t scratch_len[MAX_THREADS];
} P = {
    .threads = 1,
    .mu = PTHREAD_MUTEX_INITIALIZER,
    .start_cv = PTHREAD_COND_INITIALIZER,
    .done_cv = PTHREAD_COND_INITIALIZER,
};

/* takes chunks of job `job` until none is left (dynamic scheduling); returns at once for an old job */
static void run_chunks(uint64_t job, int tid) {
  uint64_t word = atomic_load_explicit(&P.claim, memory_order_acquire);
  for (;;) {
    if (JOB_OF(word) != job) return;
    const long start = (long)(word & ITEM_MASK);
    const long n = atomic_load_explicit(&P.n, memory_order_relaxed);
    const long chunk = atomic_load_explicit(&P.chunk, memory_order_relaxed);
    if (start >= n) return;
    const long end = start + chunk < n ? start + chunk : n;
    /* on failure `word` is reloaded: another thread claimed first, or a new job began */
    if (!atomic_compare_exchange_weak_explicit(&P.claim, &word, word + (uint64_t)(end - start), memory_order_acquire,
                                               memory_order_acquire))
      continue;
    P.fn(P.ctx, start, end, tid);
    /* seq_cst, like the caller's store of caller_waits: one of the two sees the other */
    const long finished = atomic_fetch_add(&P.done, end - start) + (end - start);
    if (finished == n && atomic_load(&P.caller_waits)) {
      pthread_mutex_lock(&P.mu);
      pthread_cond_signal(&P.done_cv);
      pthread_mutex_unlock(&P.mu);
    }
    word = atomic_load_explicit(&P.claim, memory_order_acquire);
  }
}

/* set while a pool_for or a resize is using the workers; a second caller (another JS worker thread) runs
   its loop inline instead of sharing them */
static atomic_flag busy = ATOMIC_FLAG_INIT;

static void *worker_main(void *arg) {
  const int tid = (int)(long)arg;
  uint64_t seen = JOB_OF(atomic_load(&P.claim)); /* jobs up to this one are not ours to join */
  for (;;) {
    uint64_t job = seen;
    for (int i = 0; i < SPIN_ITERATIONS && job == seen; i++) {
      job = JOB_OF(atomic_load_explicit(&P.claim, memory_order_acquire));
      if (job == seen) CPU_RELAX();
    }
    if (job == seen) {
      pthread_mutex_lock(&P.mu);
      atomic_fetch_add(&P.sleepers, 1);
      while ((job = JOB_OF(atomic_load(&P.claim))) == seen && !P.stop) pthread_cond_wait(&P.start_cv, &P.mu);
      atomic_fetch_sub(&P.sleepers, 1);
      const int stop = P.stop;
      pthread_mutex_unlock(&P.mu);
      if (stop) return NULL;
    }
    seen = job;
    run_chunks(job, tid);
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
  if (P.threads < 2 || n < 2 * grain || n > (long)ITEM_MASK) {
    fn(ctx, 0, n, 0);
    return;
  }
  if (atomic_flag_test_and_set_explicit(&busy, memory_order_acquire)) {
    fn(ctx, 0, n, 0);
    return;
  }
  const long parts = (long)P.threads * CHUNKS_PER_THREAD;
  const long chunk = (n + parts - 1) / parts;
  P.fn = fn;
  P.ctx = ctx;
  atomic_store_explicit(&P.n, n, memory_order_relaxed);
  atomic_store_explicit(&P.chunk, chunk > grain ? chunk : grain, memory_order_relaxed);
  P.job = (P.job + 1) & (UINT64_MAX >> ITEM_BITS);
  atomic_store_explicit(&P.done, 0, memory_order_relaxed);
  atomic_store(&P.claim, P.job << ITEM_BITS); /* seq_cst: publishes the job; pairs with the sleepers check */
  if (atomic_load(&P.sleepers) > 0) {
    pthread_mutex_lock(&P.mu);
    pthread_cond_broadcast(&P.start_cv);
    pthread_mutex_unlock(&P.mu);
  }
  run_chunks(P.job, 0);
  /* every item is claimed now; wait for the chunks other threads are still running */
  for (int i = 0; i < SPIN_ITERATIONS && atomic_load_explicit(&P.done, memory_order_acquire) < n; i++) CPU_RELAX();
  if (atomic_load_explicit(&P.done, memory_order_acquire) < n) {
    pthread_mutex_lock(&P.mu);
    atomic_store(&P.caller_waits, 1); /* seq_cst: a worker finishing after this sees it and signals */
    while (atomic_load(&P.done) < n) pthread_cond_wait(&P.done_cv, &P.mu);
    atomic_store(&P.caller_waits, 0);
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

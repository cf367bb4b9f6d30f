/* The three kernel limits of issue 10, measured in C on this machine with the data layout CpuCompat uses:
 * a feature set is 1024 bits = 16 contiguous 64-bit words.
 *   subset:     is a a subset of b?  ((a & ~b) == 0 over 16 words), over many pairs, tests/s
 *   and-reduce: AND of N sets into one accumulator kept in registers, sets/s (memory-bound for large N)
 *   scoring:    one host-model pass over 200 model sets: for each model, is it a subset of the host, and how
 *               many host features does it leave out (popcount of host & ~model); ns per pass
 * Compile with gcc -O3 -march=native (run-limits.sh). One thread: every figure is per core. */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#ifdef __AVX2__
#include <immintrin.h>
#endif

#define WORDS 16

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

/* Inlined into the timing loop, as a caller would use it; the barrier in the loop keeps it from being hoisted. */
static inline int subset(const uint64_t *a, const uint64_t *b) {
#ifdef __AVX2__
  /* One set per call with 256-bit vectors, as a caller tests one pair; left to itself gcc vectorizes across
   * pairs with transposes that run 8x slower than this. */
  __m256i d = _mm256_setzero_si256();
  for (int i = 0; i < WORDS; i += 4)
    d = _mm256_or_si256(d, _mm256_andnot_si256(_mm256_load_si256((const __m256i *)(b + i)),
                                               _mm256_load_si256((const __m256i *)(a + i))));
  return _mm256_testz_si256(d, d);
#else
  uint64_t d = 0;
  for (int i = 0; i < WORDS; i++) d |= a[i] & ~b[i];
  return d == 0;
#endif
}

__attribute__((noinline)) static void and_reduce(const uint64_t *sets, size_t n, uint64_t *out) {
  uint64_t acc[WORDS];
  for (int i = 0; i < WORDS; i++) acc[i] = ~0ull;
  for (size_t s = 0; s < n; s++)
    for (int i = 0; i < WORDS; i++) acc[i] &= sets[s * WORDS + i];
  for (int i = 0; i < WORDS; i++) out[i] = acc[i];
}

__attribute__((noinline)) static int score(const uint64_t *host, const uint64_t *models, int n) {
  int best = -1, bestMissing = 1 << 30;
  for (int m = 0; m < n; m++) {
    const uint64_t *mod = models + (size_t)m * WORDS;
    uint64_t extra = 0;
    for (int i = 0; i < WORDS; i++) extra |= mod[i] & ~host[i];
    if (extra != 0) continue; /* the model needs a feature the host lacks: it cannot be the host model */
    int missing = 0;
    for (int i = 0; i < WORDS; i++) missing += __builtin_popcountll(host[i] & ~mod[i]);
    if (missing < bestMissing) { best = m; bestMissing = missing; }
  }
  return best;
}

int main(void) {
  /* Subset: 256 pairs (64 KB, L1/L2-resident: the limit of the kernel, not of memory) where a is b with some bits cleared, so most tests pass and
   * every word must be read. */
  enum { PAIRS = 256 };
  uint64_t *a = aligned_alloc(64, PAIRS * WORDS * 8), *b = aligned_alloc(64, PAIRS * WORDS * 8);
  for (size_t i = 0; i < PAIRS * WORDS; i++) { b[i] = next(); a[i] = b[i] & next(); }
  long hits = 0; long tests = 0; double t0 = now(), t;
  do {
    for (int r = 0; r < 4096; r++) {
      __asm__ volatile("" : : "r"(a), "r"(b) : "memory");
      for (int p = 0; p < PAIRS; p++) hits += subset(a + p * WORDS, b + p * WORDS);
    }
    tests += 4096L * PAIRS;
  } while ((t = now() - t0) < 1.0);
  printf("subset      %8.3f G tests/s  (%ld passed)\n", tests / t / 1e9, hits);

  /* AND-reduce: 1,000,000 sets = 128 MB, far beyond the caches, so it measures memory bandwidth. */
  size_t n = 1000000;
  uint64_t *sets = aligned_alloc(64, n * WORDS * 8), out[WORDS], sink = 0;
  for (size_t i = 0; i < n * WORDS; i++) sets[i] = ~(next() & next() & next() & next());
  long reduced = 0; t0 = now();
  do { __asm__ volatile("" : : "r"(sets) : "memory"); and_reduce(sets, n, out); sink ^= out[0]; reduced += n; } while ((t = now() - t0) < 1.0);
  printf("and-reduce  %8.1f M sets/s   (sink %llx)\n", reduced / t / 1e6, (unsigned long long)sink);

  /* Scoring: 200 models, each a random subset of a host (some not), one pass = 200 models. */
  enum { MODELS = 200 };
  uint64_t host[WORDS], *models = aligned_alloc(64, MODELS * WORDS * 8);
  for (int i = 0; i < WORDS; i++) host[i] = next();
  for (int m = 0; m < MODELS; m++)
    for (int i = 0; i < WORDS; i++) models[m * WORDS + i] = (m % 3 ? host[i] : next()) & next();
  long passes = 0, bestSum = 0; t0 = now();
  do {
    for (int r = 0; r < 10000; r++) {
      /* Tells the compiler memory may have changed, so each pass is really run (score is pure). */
      __asm__ volatile("" : : "r"(models), "r"(host) : "memory");
      bestSum += score(host, models, MODELS);
    }
    passes += 10000;
  } while ((t = now() - t0) < 1.0);
  printf("scoring     %8.1f ns/pass over %d models  (sum %ld)\n", t / passes * 1e9, MODELS, bestSum);
  free(a); free(b); free(sets); free(models);
  return 0;
}

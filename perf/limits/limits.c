/* The three kernel limits of issue 10, measured in C on this machine, at two set widths: 1024 bits (16 words, the
 * width issue 10 gives its C figures for) and 512 bits (8 words, CpuCompat's FeatureSet), so that CpuCompat's
 * kernels can be set against C set for set and bit for bit.
 *   subset:     is a a subset of b?  ((a & ~b) == 0 over every word), over many pairs, tests/s
 *   and-reduce: AND of N sets into one accumulator kept in registers, sets/s (memory-bound: N sets fill 128 MB)
 *   scoring:    one host-model pass over 200 model sets: for each model, is it a subset of the host, and how
 *               many host features does it leave out (popcount of host & ~model); ns per pass
 * Each figure is per core: one thread, timed by its own CPU time (CLOCK_THREAD_CPUTIME_ID), so time the thread spent
 * waiting for a core on a shared machine is not counted; the wall-clock rate is printed beside it.
 * Compile with gcc -O3 -march=native (run-limits.sh). */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#ifdef __AVX2__
#include <immintrin.h>
#endif

#define INLINE static inline __attribute__((always_inline))

typedef struct { double cpu, wall; } stamp;

static stamp now(void) {
  struct timespec c, w;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c);
  clock_gettime(CLOCK_MONOTONIC, &w);
  return (stamp){ c.tv_sec + c.tv_nsec * 1e-9, w.tv_sec + w.tv_nsec * 1e-9 };
}

static stamp since(stamp t0) {
  stamp t = now();
  return (stamp){ t.cpu - t0.cpu, t.wall - t0.wall };
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

static uint64_t *words(size_t n) {
  uint64_t *p = aligned_alloc(64, n * 8);
  if (!p) { fprintf(stderr, "limits: out of memory\n"); exit(1); }
  return p;
}

/* One pair per call, as a caller tests one pair; left to itself gcc vectorizes across pairs with transposes that
 * run several times slower. w is a constant at every call, so the loops unroll. */
INLINE int subset(const uint64_t *a, const uint64_t *b, int w) {
#ifdef __AVX2__
  __m256i d = _mm256_setzero_si256();
  for (int i = 0; i < w; i += 4)
    d = _mm256_or_si256(d, _mm256_andnot_si256(_mm256_load_si256((const __m256i *)(b + i)),
                                               _mm256_load_si256((const __m256i *)(a + i))));
  return _mm256_testz_si256(d, d);
#else
  uint64_t d = 0;
  for (int i = 0; i < w; i++) d |= a[i] & ~b[i];
  return d == 0;
#endif
}

/* The accumulator lives in w/4 ymm registers (w/4 <= 4) for the whole span; gcc's own vectorization of the plain
 * loop stores and reloads it every set, which is the mistake this limit is there to expose. */
INLINE void and_reduce(const uint64_t *sets, size_t n, uint64_t *out, int w) {
#ifdef __AVX2__
  __m256i a0 = _mm256_set1_epi64x(-1), a1 = a0, a2 = a0, a3 = a0;
  for (size_t s = 0; s < n; s++, sets += w) {
    a0 = _mm256_and_si256(a0, _mm256_load_si256((const __m256i *)sets));
    a1 = _mm256_and_si256(a1, _mm256_load_si256((const __m256i *)(sets + 4)));
    if (w == 16) {
      a2 = _mm256_and_si256(a2, _mm256_load_si256((const __m256i *)(sets + 8)));
      a3 = _mm256_and_si256(a3, _mm256_load_si256((const __m256i *)(sets + 12)));
    }
  }
  _mm256_storeu_si256((__m256i *)out, a0);
  _mm256_storeu_si256((__m256i *)(out + 4), a1);
  if (w == 16) {
    _mm256_storeu_si256((__m256i *)(out + 8), a2);
    _mm256_storeu_si256((__m256i *)(out + 12), a3);
  }
#else
  uint64_t acc[16];
  for (int i = 0; i < w; i++) acc[i] = ~0ull;
  for (size_t s = 0; s < n; s++)
    for (int i = 0; i < w; i++) acc[i] &= sets[s * w + i];
  for (int i = 0; i < w; i++) out[i] = acc[i];
#endif
}

INLINE int score(const uint64_t *host, const uint64_t *models, int n, int w) {
  int best = -1, bestMissing = 1 << 30;
  for (int m = 0; m < n; m++) {
    const uint64_t *mod = models + (size_t)m * w;
    if (!subset(mod, host, w)) continue; /* the model needs a feature the host lacks: it cannot be the host model */
    int missing = 0;
    for (int i = 0; i < w; i++) missing += __builtin_popcountll(host[i] & ~mod[i]);
    if (missing < bestMissing) { best = m; bestMissing = missing; }
  }
  return best;
}

/* Subset: 16 KB of pairs (64 pairs of 1024 bits, 128 of 512), L1-resident, so this is the kernel's limit, not the
 * cache's: an earlier version used 64 KB, which on this machine's 32 KB L1 measured L2 bandwidth instead. a is b with
 * some bits cleared, so every test passes and must read every word. */
INLINE void run_subset(int w) {
  int pairs = 2048 / w;
  uint64_t *a = words((size_t)pairs * w), *b = words((size_t)pairs * w);
  for (int i = 0; i < pairs * w; i++) { b[i] = next(); a[i] = b[i] & next(); }
  long hits = 0, tests = 0;
  stamp t0 = now(), t;
  do {
    for (int r = 0; r < 16384; r++) {
      __asm__ volatile("" : : "r"(a), "r"(b) : "memory"); /* each round really runs: the pairs may have changed */
      for (int p = 0; p < pairs; p++) hits += subset(a + p * w, b + p * w, w);
    }
    tests += 16384L * pairs;
  } while ((t = since(t0)).cpu < 1.0);
  printf("subset      %4d bits  %8.3f G tests/s   (wall %.3f; %ld passed)\n", w * 64, tests / t.cpu / 1e9,
         tests / t.wall / 1e9, hits);
  free(a); free(b);
}

/* AND-reduce: 128 MB of sets, far beyond the caches, so it measures memory bandwidth. */
INLINE void run_reduce(int w) {
  size_t n = (128u << 20) / (w * 8u);
  uint64_t *sets = words(n * w), out[16], sink = 0;
  /* Four sets ANDed per word keep about 1 bit in 16 clear, so the running result is not zero from the start. */
  for (size_t i = 0; i < n * w; i++) sets[i] = ~(next() & next() & next() & next());
  long reduced = 0;
  stamp t0 = now(), t;
  do {
    __asm__ volatile("" : : "r"(sets) : "memory");
    and_reduce(sets, n, out, w);
    for (int i = 0; i < w; i++) sink ^= out[i]; /* every word used, or gcc drops the accumulators it need not keep */
    reduced += n;
  } while ((t = since(t0)).cpu < 1.0);
  printf("and-reduce  %4d bits  %8.1f M sets/s    (wall %.1f; %.2f GB/s; sink %llx)\n", w * 64, reduced / t.cpu / 1e6,
         reduced / t.wall / 1e6, reduced * w * 8.0 / t.cpu / 1e9, (unsigned long long)sink);
  free(sets);
}

/* Scoring: 200 models, two in three a random subset of the host (the others not), one pass = 200 models. */
INLINE void run_score(int w) {
  enum { MODELS = 200 };
  uint64_t *host = words(16), *models = words((size_t)MODELS * w);
  for (int i = 0; i < w; i++) host[i] = next();
  for (int m = 0; m < MODELS; m++)
    for (int i = 0; i < w; i++) models[m * w + i] = (m % 3 ? host[i] : next()) & next();
  long passes = 0, bestSum = 0;
  stamp t0 = now(), t;
  do {
    for (int r = 0; r < 10000; r++) {
      __asm__ volatile("" : : "r"(models), "r"(host) : "memory"); /* score is pure: each pass must really run */
      bestSum += score(host, models, MODELS, w);
    }
    passes += 10000;
  } while ((t = since(t0)).cpu < 1.0);
  printf("scoring     %4d bits  %8.1f ns/pass      (wall %.1f; %d models; sum %ld)\n", w * 64, t.cpu / passes * 1e9,
         t.wall / passes * 1e9, MODELS, bestSum);
  free(host); free(models);
}

int main(void) {
  run_subset(16); run_subset(8);
  run_reduce(16); run_reduce(8);
  run_score(16); run_score(8);
  return 0;
}

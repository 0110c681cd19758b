/* Broken on purpose: suggest() calls abort(), as a failed assertion or the C library's heap checks do, killing
 * its process with SIGABRT. `vernier check` must report each check that calls suggest as failed, naming the
 * signal, and still print the whole suite and its verdict (core/conformance/isolation.hpp). */
#include "broken_common.h"

static vn_status aborts(void *self, const vn_space *space, const vn_history *history, uint64_t seed,
                        const int64_t *trial_numbers, uint32_t count, double *out) {
  (void)self;
  (void)space;
  (void)history;
  (void)seed;
  (void)trial_numbers;
  (void)count;
  (void)out;
  abort();
}

MINI_SAMPLER_PLUGIN("broken-abort", aborts)

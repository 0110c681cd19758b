/* Broken on purpose: suggest() dereferences a wild pointer, killing its process with SIGSEGV. `vernier check`
 * must report each check that calls suggest as failed, naming the signal, and still print the whole suite
 * and its verdict (core/conformance/isolation.hpp). */
#include <stdint.h>

#include "broken_common.h"

/* Read through a volatile, so the compiler cannot prove the address and replace the store by a trap. */
static volatile uintptr_t wild_address = 16;

static vn_status segfault(void *self, const vn_space *space, const vn_history *history, uint64_t seed,
                          const int64_t *trial_numbers, uint32_t count, double *out) {
  *(volatile double *)wild_address = 1.0;
  return mini_suggest(self, space, history, seed, trial_numbers, count, out);
}

MINI_SAMPLER_PLUGIN("broken-segfault", segfault)

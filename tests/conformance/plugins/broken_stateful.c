/* Broken on purpose (VN-ABI-7, VN-ABI-8): suggestions come from a global call counter instead of
 * (seed, trial number), so the same inputs give different points and instances influence each other.
 * Every point is valid, so only the conformance suite notices. */
#include "broken_common.h"

static unsigned long calls; /* the bug: global mutable state (and a data race between threads) */

/* Every other call, every active number moves from low to high: both valid, never reproducible. */
static vn_status stateful(void *self, const vn_space *space, const vn_history *history, uint64_t seed,
                          const int64_t *trial_numbers, uint32_t count, double *out) {
  uint32_t i, n = count * space->n_params;
  vn_status status = mini_suggest(self, space, history, seed, trial_numbers, count, out);
  if (calls++ % 2 == 1)
    for (i = 0; i < n; ++i) {
      const vn_param *p = &space->params[i % space->n_params];
      if (!isnan(out[i]) && p->type != VN_PARAM_CATEGORICAL) out[i] = p->high; /* categoricals keep conditions */
    }
  return status;
}

MINI_SAMPLER_PLUGIN("broken-stateful", stateful)

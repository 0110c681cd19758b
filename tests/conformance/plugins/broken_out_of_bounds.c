/* Broken on purpose (sampler.h): suggest() returns values outside the parameters' bounds (one step above
 * high; a categorical index one past the last choice). The host must refuse every such point, naming the
 * plugin and the parameter, before it reaches a study. */
#include "broken_common.h"

static vn_status out_of_bounds(void *self, const vn_space *space, const vn_history *history, uint64_t seed,
                               const int64_t *trial_numbers, uint32_t count, double *out) {
  uint32_t i, n = count * space->n_params;
  vn_status status = mini_suggest(self, space, history, seed, trial_numbers, count, out);
  for (i = 0; i < n; ++i)
    if (!isnan(out[i])) out[i] = space->params[i % space->n_params].high + 1.0;
  return status;
}

MINI_SAMPLER_PLUGIN("broken-out-of-bounds", out_of_bounds)

/* Broken on purpose (VN-ABI-6): suggest() writes count + 1 rows, one row past its count x n_params output.
 * With the old 8-cell guards this corrupted the heap and `vernier check` died ("double free or corruption");
 * the guard pages after every output buffer must turn it into a failed sampler.buffers check, and the valid
 * rows it writes pass every other check. */
#include "broken_common.h"

static vn_status overrun(void *self, const vn_space *space, const vn_history *history, uint64_t seed,
                         const int64_t *trial_numbers, uint32_t count, double *out) {
  return mini_suggest(self, space, history, seed, trial_numbers, count + 1, out);
}

MINI_SAMPLER_PLUGIN("broken-overrun", overrun)

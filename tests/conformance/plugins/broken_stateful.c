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

static const vn_sampler_vtable vtable = {sizeof(vn_sampler_vtable), stateful, mini_last_error, mini_destroy};

static vn_status create(const vn_component *self, const vn_host *host, const char *config_json, void **out_instance,
                        const void **out_vtable, char *err, size_t err_cap) {
  (void)self;
  (void)host;
  return mini_create_with(&vtable, config_json, out_instance, out_vtable, err, err_cap);
}

static const vn_component component = MINI_COMPONENT("broken-stateful", create);
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}

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

static const vn_sampler_vtable vtable = {sizeof(vn_sampler_vtable), out_of_bounds, mini_last_error, mini_destroy};

static vn_status create(const vn_component *self, const vn_host *host, const char *config_json, void **out_instance,
                        const void **out_vtable, char *err, size_t err_cap) {
  (void)self;
  (void)host;
  return mini_create_with(&vtable, config_json, out_instance, out_vtable, err, err_cap);
}

static const vn_component component = MINI_COMPONENT("broken-out-of-bounds", create);
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}

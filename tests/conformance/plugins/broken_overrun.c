/* Broken on purpose (VN-ABI-6): suggest() writes count + 1 rows, one row past its count x n_params output.
 * With the old 8-cell guards this corrupted the heap and `vernier check` died ("double free or corruption");
 * the guard pages after every output buffer must turn it into a failed sampler.buffers check, and the valid
 * rows it writes pass every other check. */
#include "broken_common.h"

static vn_status overrun(void *self, const vn_space *space, const vn_history *history, uint64_t seed,
                         const int64_t *trial_numbers, uint32_t count, double *out) {
  return mini_suggest(self, space, history, seed, trial_numbers, count + 1, out);
}

static const vn_sampler_vtable vtable = {sizeof(vn_sampler_vtable), overrun, mini_last_error, mini_destroy};

static vn_status create(const vn_component *self, const vn_host *host, const char *config_json, void **out_instance,
                        const void **out_vtable, char *err, size_t err_cap) {
  (void)self;
  (void)host;
  return mini_create_with(&vtable, config_json, out_instance, out_vtable, err, err_cap);
}

static const vn_component component = MINI_COMPONENT("broken-overrun", create);
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}

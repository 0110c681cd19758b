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

static const vn_sampler_vtable vtable = {sizeof(vn_sampler_vtable), aborts, mini_last_error, mini_destroy};

static vn_status create(const vn_component *self, const vn_host *host, const char *config_json, void **out_instance,
                        const void **out_vtable, char *err, size_t err_cap) {
  (void)self;
  (void)host;
  return mini_create_with(&vtable, config_json, out_instance, out_vtable, err, err_cap);
}

static const vn_component component = MINI_COMPONENT("broken-abort", create);
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}

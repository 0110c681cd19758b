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

static const vn_sampler_vtable vtable = {sizeof(vn_sampler_vtable), segfault, mini_last_error, mini_destroy};

static vn_status create(const vn_component *self, const vn_host *host, const char *config_json, void **out_instance,
                        const void **out_vtable, char *err, size_t err_cap) {
  (void)self;
  (void)host;
  return mini_create_with(&vtable, config_json, out_instance, out_vtable, err, err_cap);
}

static const vn_component component = MINI_COMPONENT("broken-segfault", create);
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}

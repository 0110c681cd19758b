/* Broken on purpose (VN-ABI-5): last_error() returns NULL, which sampler.h forbids ("" when there is no
 * error). Hosts guard against it; the conformance suite reports it. */
#include "broken_common.h"

static const char *null_last_error(void *self) {
  (void)self;
  return NULL;
}

static const vn_sampler_vtable vtable = {sizeof(vn_sampler_vtable), mini_suggest, null_last_error, mini_destroy};

static vn_status create(const vn_component *self, const vn_host *host, const char *config_json, void **out_instance,
                        const void **out_vtable, char *err, size_t err_cap) {
  (void)self;
  (void)host;
  return mini_create_with(&vtable, config_json, out_instance, out_vtable, err, err_cap);
}

static const vn_component component = MINI_COMPONENT("broken-null-last-error", create);
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}

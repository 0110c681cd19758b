/* Incompatible on purpose (VN-ABI-2): a plugin built for a future ABI major 99 that correctly returns NULL
 * to every other host. This host must list it as skipped, saying so. */
#include "broken_common.h"

static vn_status create_never_called(const vn_component *self, const vn_host *host, const char *config_json,
                                     void **out_instance, const void **out_vtable, char *err, size_t err_cap) {
  (void)self;
  (void)host;
  (void)config_json;
  (void)out_instance;
  (void)out_vtable;
  snprintf(err, err_cap, "broken-refuses-major: a host of another major must never get this far");
  return VN_E_INCOMPATIBLE;
}

static const vn_component component = MINI_COMPONENT("broken-refuses-major", create_never_called);
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), 99, 0, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == 99 ? &entry : NULL;
}

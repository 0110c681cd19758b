/* Broken on purpose (VN-ABI-3): create() always fails, with a message. The host must report the plugin
 * by name with that message, and never use an instance. */
#include "broken_common.h"

static vn_status always_refuse(const vn_component *self, const vn_host *host, const char *config_json,
                               void **out_instance, const void **out_vtable, char *err, size_t err_cap) {
  (void)self;
  (void)host;
  (void)config_json;
  (void)out_instance;
  (void)out_vtable;
  snprintf(err, err_cap, "this sampler always refuses to be created");
  return VN_E_INVALID;
}

static const vn_component component = MINI_COMPONENT("broken-create-fails", always_refuse);
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}

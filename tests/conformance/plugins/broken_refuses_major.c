/* Incompatible on purpose (VN-ABI-2): a plugin built for a future ABI major 99 that correctly returns NULL
 * to every other host. This host must list it as skipped, saying so. */
#include "broken_common.h"

TEST_PLUGIN_REFUSING_CREATE(create_never_called, VN_E_INCOMPATIBLE,
                            "broken-refuses-major: a host of another major must never get this far")

static const vn_component component = MINI_COMPONENT("broken-refuses-major", create_never_called);
TEST_PLUGIN_TABLE(component, 99, 0)

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == 99 ? &test_plugin_entry : NULL;
}

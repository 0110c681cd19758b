/* Broken on purpose (VN-ABI-2): the entry ignores the host's major and returns a table built for ABI 99.
 * The host must refuse it by the table's abi_major; the conformance suite also flags that the entry does
 * not return NULL for a foreign major. */
#include "broken_common.h"

TEST_PLUGIN_REFUSING_CREATE(create_never_called, VN_E_INCOMPATIBLE,
                            "broken-major-99: a host of another major must never get this far")

static const vn_component component = MINI_COMPONENT("broken-major-99", create_never_called);
TEST_PLUGIN_TABLE(component, 99, 0)

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  (void)host_abi_major; /* the bug: it should return NULL unless host_abi_major == 99 */
  return &test_plugin_entry;
}

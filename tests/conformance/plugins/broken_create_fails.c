/* Broken on purpose (VN-ABI-3): create() always fails, with a message. The host must report the plugin
 * by name with that message, and never use an instance. */
#include "broken_common.h"

TEST_PLUGIN_REFUSING_CREATE(always_refuse, VN_E_INVALID, "this sampler always refuses to be created")

static const vn_component component = MINI_COMPONENT("broken-create-fails", always_refuse);
TEST_PLUGIN_EXPORT_ONE(component)

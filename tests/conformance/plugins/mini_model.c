/* The mini model of mini_model.h without any bug: the baseline that passes the whole model suite, so the
 * broken_*model libraries built from it fail only on what they break. */
#include "mini_model.h"

static const vn_component component = MINI_MODEL_COMPONENT("mini-model", "a minimal nearest-neighbour test model");
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}

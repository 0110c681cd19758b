/* Broken on purpose (model.h: a fit replaces the previous one entirely): once fitted, a model ignores
 * every later fit and keeps predicting from the first. A study refits one instance on every fold, so
 * every fold after the first would be scored with the first fold's model. Repeating the same fit gives
 * the same predictions, so only fitting twice on different rows shows it. */
#define MINI_MODEL_FIRST_FIT_ONLY
#include "mini_model.h"

static const vn_component component = MINI_MODEL_COMPONENT("broken-first-fit", "a deliberately broken test model");
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}

/* Broken on purpose (VN-ABI-6): fit copies the whole dataset, and predict reads each query row from
 * that copy by its index instead of from the dataset it is given. Predicting rows of fit's dataset (or
 * of a copy in other memory with the same row indices) still works, so only predicting another dataset
 * shows it, which is what the cv objective does when it scores the held-out test part. */
#define MINI_MODEL_QUERY_FROM_FIT_COPY
#include "mini_model.h"

static const vn_component component = MINI_MODEL_COMPONENT("broken-row-cache", "a deliberately broken test model");
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}

/* Leaky on purpose (VN-ABI-10): predict answers a row's own target whenever the view holds a usable one,
 * and the nearest neighbour's otherwise. The conformance suite must fail it on
 * model.predict_ignores_targets, and the cv objective, which hands predict NaN targets, must give it
 * nothing to read (tests/objectives/cv/test_cv_model_views.cpp). */
#define MINI_MODEL_PREDICT_PEEKS_TARGET
#include "mini_model.h"

static const vn_component component = MINI_MODEL_COMPONENT("leaky-predict", "a deliberately leaky test model");
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}

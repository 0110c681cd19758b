/* Leaky on purpose (VN-ABI-10): fit learns from every row of the dataset view, not only from the rows it
 * is given. Handed the whole training part with the fold's rows, as the cv objective once did, it would know
 * the validation fold's labels. The conformance suite must fail it on model.fit_reads_only_its_rows, and
 * the cv objective must give it nothing to learn from (tests/objectives/cv/test_cv_model_views.cpp). */
#define MINI_MODEL_FIT_WHOLE_VIEW
#include "mini_model.h"

static const vn_component component = MINI_MODEL_COMPONENT("leaky-fit", "a deliberately leaky test model");
static const vn_component *const components[] = {&component};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}

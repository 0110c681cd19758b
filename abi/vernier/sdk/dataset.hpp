// Vernier plugin SDK: checks over a dataset view (vn_dataset) for models and splitters.
#ifndef VERNIER_SDK_DATASET_HPP
#define VERNIER_SDK_DATASET_HPP

#include "../dataset.h"

namespace vernier::sdk {

// Checks what a model or splitter must refuse rather than misread (dataset.h, VN-ABI-2): a vn_dataset older
// than ABI 1.0 (VN_E_INCOMPATIBLE), a task this SDK does not know (VN_E_UNSUPPORTED), and a view whose
// arrays are NULL or whose classification has no classes (VN_E_INVALID). The model and splitter
// trampolines of plugin_sdk.hpp call it before the plugin's own fit, predict, n_splits and split run; a
// plugin written in C makes the same checks itself. The messages start with "dataset:".
void check_dataset(const vn_dataset &data);

}  // namespace vernier::sdk

#endif  // VERNIER_SDK_DATASET_HPP

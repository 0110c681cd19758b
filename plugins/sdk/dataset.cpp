// Checks over a vn_dataset view: see abi/vernier/sdk/dataset.hpp.
#include "vernier/sdk/dataset.hpp"

#include <string>

#include "vernier/plugin_sdk.hpp"

namespace vernier::sdk {

void check_dataset(const vn_dataset &data) {
  if (data.struct_size < VN_SIZE_THROUGH(vn_dataset, folds))
    throw Error(VN_E_INCOMPATIBLE, "dataset: struct_size " + std::to_string(data.struct_size) +
                                       " is smaller than ABI 1.0's vn_dataset");
  if (data.task != VN_TASK_REGRESSION && data.task != VN_TASK_CLASSIFICATION)
    throw Error(VN_E_UNSUPPORTED, "dataset: unknown task " + std::to_string(data.task));
  if (data.n_rows > 0 && (data.target == nullptr || (data.n_features > 0 && data.features == nullptr)))
    throw invalid("dataset: the view has NULL features or target");
  if (data.n_features > 0 && data.feature_names == nullptr) throw invalid("dataset: the view has NULL feature_names");
  if (data.task == VN_TASK_CLASSIFICATION && data.n_classes == 0)
    throw invalid("dataset: a classification dataset needs n_classes >= 1");
}

}  // namespace vernier::sdk

// vn_study_create_with_data: a study whose cv objective evaluates arrays the embedding program holds.
#include <memory>

#include "../data/load.hpp"
#include "../json.hpp"
#include "handles.hpp"

using namespace vernier;

extern "C" {

VN_API vn_status vn_study_create_with_data(vn_context *ctx, const char *config_json, const vn_data_arrays *data,
                                           vn_study **out) {
  return capi::call([&] {
    capi::require(ctx != nullptr && config_json != nullptr && data != nullptr && out != nullptr,
                  "vn_study_create_with_data: NULL argument");
    *out = nullptr;
    capi::require(data->struct_size >= VN_SIZE_THROUGH(vn_data_arrays, folds),
                  "vn_study_create_with_data: data->struct_size is smaller than vn_data_arrays of ABI 1.0");
    StudyConfig config = StudyConfig::parse(json::parse_object(config_json, "study config"));
    if (!config.objective.contains("cv"))
      throw invalid_argument("vn_study_create_with_data: the config's objective must be \"cv\" (the arrays are its data)");
    auto arrays = std::make_shared<data::Arrays>();
    arrays->n_rows = data->n_rows;
    arrays->n_features = data->n_features;
    arrays->features = data->features;
    arrays->feature_names = data->feature_names;
    arrays->target = data->target;
    arrays->groups = data->groups;
    arrays->folds = data->folds;
    config.data = std::move(arrays);
    auto handle = std::make_unique<vn_study>();
    handle->study = capi::make_study(*ctx->registry, std::move(config));
    *out = handle.release();
  });
}

}

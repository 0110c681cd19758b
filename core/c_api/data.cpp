// vn_study_create_with_data: a study whose cv objective evaluates arrays the embedding program holds.
#include <cstddef>
#include <memory>
#include <string>

#include "data/load.hpp"
#include "base/error.hpp"
#include "base/json.hpp"
#include "c_api/handles.hpp"
#include "study/open_study.hpp"

using namespace vernier;

extern "C" {

VN_API vn_status vn_study_create_with_data(vn_context *ctx, const char *config_json, const vn_data_arrays *data,
                                           vn_study **out) {
  return capi::call([&] {
    capi::require(out != nullptr, "vn_study_create_with_data: out is NULL");
    *out = nullptr;
    capi::require(ctx != nullptr, "vn_study_create_with_data: ctx is NULL");
    capi::require(config_json != nullptr, "vn_study_create_with_data: config_json is NULL");
    capi::require(data != nullptr, "vn_study_create_with_data: data is NULL");
    // A struct too small for the fields this version reads is an ABI mismatch (VN-ABI-2), as for plugins.
    constexpr std::size_t kArraysSize_1_1 = VN_SIZE_THROUGH(vn_data_arrays, folds);
    if (data->struct_size < kArraysSize_1_1)
      throw Error(VN_E_INCOMPATIBLE, "vn_study_create_with_data: data->struct_size is " + std::to_string(data->struct_size) +
                                         ", smaller than vn_data_arrays of ABI 1.1 (" + std::to_string(kArraysSize_1_1) +
                                         " bytes): set it to sizeof(vn_data_arrays)");
    StudyConfig config = StudyConfig::parse(json::parse_object(config_json, "study config"));
    if (!config.objective.contains("cv"))
      throw invalid_argument("vn_study_create_with_data: the config's objective must be \"cv\" (the arrays are its data)");
    // docs/config.md: with groups the test part takes whole groups unless "test_split" says otherwise.
    // parse_cv_config knows of groups only through a CSV's "groups" column, so arrays with groups say
    // it here; without this a group would sit on both sides of the test split, leaking into the score.
    if (data->groups != nullptr) {
      boost::json::value &cv = config.objective["cv"];
      if (cv.is_object() && !cv.as_object().contains("test_split")) cv.as_object()["test_split"] = "group";
    }
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
    handle->study = open_study(*ctx->registry, std::move(config));
    *out = handle.release();
  });
}

}

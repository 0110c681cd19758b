// vn_study_open, vn_journal_*: studies kept in journal files.
#include "base/error.hpp"
#include "storage/journal_inspect.hpp"
#include "study/open_study.hpp"
#include "c_api/handles.hpp"

using namespace vernier;

extern "C" {

VN_API vn_status vn_study_open(vn_context *ctx, const char *journal_path, const char *study_name, vn_study **out) {
  return capi::call([&] {
    capi::require(out != nullptr, "vn_study_open: out is NULL");
    *out = nullptr;
    capi::require(ctx != nullptr, "vn_study_open: ctx is NULL");
    capi::require(journal_path != nullptr, "vn_study_open: journal_path is NULL");
    boost::json::object config = storage::stored_study_config(journal_path, study_name != nullptr ? study_name : "");
    auto handle = std::make_unique<vn_study>();
    handle->study = open_study(*ctx->registry, StudyConfig::parse(config));
    *out = handle.release();
  });
}

VN_API vn_status vn_journal_list_json(const char *journal_path, char **out_json) {
  return capi::call([&] {
    if (out_json != nullptr) *out_json = nullptr;  // as vernier.h promises for every failure
    capi::require(journal_path != nullptr, "vn_journal_list_json: journal_path is NULL");
    capi::require(out_json != nullptr, "vn_journal_list_json: out_json is NULL");
    *out_json = capi::duplicate_json(storage::list_studies(journal_path));
  });
}

VN_API vn_status vn_journal_study_json(const char *journal_path, const char *study_name, char **out_json) {
  return capi::call([&] {
    if (out_json != nullptr) *out_json = nullptr;  // as vernier.h promises for every failure
    capi::require(journal_path != nullptr, "vn_journal_study_json: journal_path is NULL");
    capi::require(out_json != nullptr, "vn_journal_study_json: out_json is NULL");
    boost::json::object study = storage::describe_study(journal_path, study_name != nullptr ? study_name : "");
    *out_json = capi::duplicate_json(study);
  });
}

}  // extern "C"

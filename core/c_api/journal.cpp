// vn_study_open, vn_journal_*, vn_study_*_attr: studies kept in journal files.
#include "../error.hpp"
#include "../json.hpp"
#include "../storage/journal_inspect.hpp"
#include "../storage/make_storage.hpp"
#include "handles.hpp"

using namespace vernier;

namespace vernier::capi {

std::unique_ptr<Study> make_study(const Registry &registry, StudyConfig config) {
  const Registry *log_to = &registry;  // the registry outlives the studies of its context (vernier.h)
  std::unique_ptr<Storage> storage =
      make_storage(config, [log_to](int32_t severity, const std::string &message) { log_to->log(severity, message); });
  return std::make_unique<Study>(registry, std::move(config), std::move(storage));
}

}  // namespace vernier::capi

extern "C" {

VN_API vn_status vn_study_open(vn_context *ctx, const char *journal_path, const char *study_name, vn_study **out) {
  return capi::call([&] {
    capi::require(ctx != nullptr && journal_path != nullptr && out != nullptr, "vn_study_open: NULL argument");
    *out = nullptr;
    boost::json::object config = journal::stored_study_config(journal_path, study_name != nullptr ? study_name : "");
    auto handle = std::make_unique<vn_study>();
    handle->study = capi::make_study(*ctx->registry, StudyConfig::parse(config));
    *out = handle.release();
  });
}

VN_API vn_status vn_journal_studies_json(const char *journal_path, char **out_json) {
  return capi::call([&] {
    capi::require(journal_path != nullptr && out_json != nullptr, "vn_journal_studies_json: NULL argument");
    *out_json = capi::duplicate(boost::json::serialize(journal::list_studies(journal_path)));
  });
}

VN_API vn_status vn_journal_study_json(const char *journal_path, const char *study_name, char **out_json) {
  return capi::call([&] {
    capi::require(journal_path != nullptr && out_json != nullptr, "vn_journal_study_json: NULL argument");
    boost::json::object study = journal::describe_study(journal_path, study_name != nullptr ? study_name : "");
    *out_json = capi::duplicate(boost::json::serialize(study));
  });
}

VN_API vn_status vn_study_set_attr(vn_study *study, const char *key, const char *value_json, int32_t system) {
  return capi::call([&] {
    capi::require(study != nullptr && study->study != nullptr, "vn_study_set_attr: study handle is NULL");
    capi::require(key != nullptr && value_json != nullptr, "vn_study_set_attr: NULL argument");
    capi::require(*key != '\0', "vn_study_set_attr: the key is empty");
    boost::json::value value = json::parse(value_json, "attribute '" + std::string(key) + "'");
    study->study->set_attr(key, value, system != 0 ? AttrKind::system : AttrKind::user);
  });
}

VN_API vn_status vn_study_attrs_json(const vn_study *study, char **out_json) {
  return capi::call([&] {
    capi::require(study != nullptr && study->study != nullptr, "vn_study_attrs_json: study handle is NULL");
    capi::require(out_json != nullptr, "vn_study_attrs_json: out_json is NULL");
    boost::json::object attrs{{"user", study->study->attrs(AttrKind::user)}, {"system", study->study->attrs(AttrKind::system)}};
    *out_json = capi::duplicate(boost::json::serialize(attrs));
  });
}

}

// vn_study_set_attr, vn_study_attrs_json: a study's user and system attributes, in whatever storage keeps it.
#include <string_view>

#include "base/error.hpp"
#include "base/json.hpp"
#include "c_api/handles.hpp"

using namespace vernier;

extern "C" {

VN_API vn_status vn_study_set_attr(vn_study *study, const char *key, const char *value_json, int32_t kind) {
  return capi::call([&] {
    capi::require(study != nullptr && study->study != nullptr, "vn_study_set_attr: study handle is NULL");
    capi::require(key != nullptr, "vn_study_set_attr: key is NULL");
    capi::require(value_json != nullptr, "vn_study_set_attr: value_json is NULL");
    capi::require(*key != '\0', "vn_study_set_attr: the key is empty");
    if (kind != VN_ATTR_USER && kind != VN_ATTR_SYSTEM)
      throw invalid_argument("vn_study_set_attr: kind is " + std::to_string(kind) + " (expected VN_ATTR_USER or VN_ATTR_SYSTEM)");
    const bool system = kind == VN_ATTR_SYSTEM;
    // Vernier's own system keys hold what resuming checks (space, sampler, seed) and what it reports
    // (test score): a program that overwrote them would silently change or break the stored study.
    if (system && std::string_view(key).substr(0, 8) == "vernier:")
      throw invalid_argument("vn_study_set_attr: system attribute '" + std::string(key) +
                             "': keys starting with \"vernier:\" are Vernier's own; use another prefix");
    boost::json::value value = json::parse(value_json, "attribute '" + std::string(key) + "'");
    study->study->set_attr(key, value, system ? AttrKind::system : AttrKind::user);
  });
}

VN_API vn_status vn_study_attrs_json(const vn_study *study, char **out_json) {
  return capi::call([&] {
    if (out_json != nullptr) *out_json = nullptr;  // as vernier.h promises for every failure
    capi::require(study != nullptr && study->study != nullptr, "vn_study_attrs_json: study handle is NULL");
    capi::require(out_json != nullptr, "vn_study_attrs_json: out_json is NULL");
    boost::json::object attrs{{"user", study->study->attrs(AttrKind::user)}, {"system", study->study->attrs(AttrKind::system)}};
    *out_json = capi::duplicate_json(attrs);
  });
}

}  // extern "C"

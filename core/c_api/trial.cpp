// vn_trial_*: typed getters by name, intermediate reports.
#include <cmath>

#include "base/error.hpp"
#include "c_api/handles.hpp"

using namespace vernier;

namespace {

// The index of parameter `name`, checked to be active and of the wanted type.
std::size_t active_param(const vn_trial *trial, const char *name, uint32_t type, const char *getter) {
  capi::require(trial != nullptr && name != nullptr, "trial getter: NULL argument");
  const Space &space = trial->study->study->space();
  int j = space.index_of(name);
  if (j < 0) throw not_found(std::string("no parameter named '") + name + "' in the space");
  const Param &p = space.params()[static_cast<std::size_t>(j)];
  if (p.type != type)
    throw invalid_argument(std::string(getter) + ": parameter '" + name + "' is " +
                           (p.type == VN_PARAM_FLOAT ? "a float" : p.type == VN_PARAM_INT ? "an int" : "a categorical"));
  if (std::isnan(trial->params[static_cast<std::size_t>(j)]))
    throw Error(VN_E_STATE, std::string("parameter '") + name + "' is inactive in trial " + std::to_string(trial->number));
  return static_cast<std::size_t>(j);
}

}  // namespace

extern "C" {

VN_API int64_t vn_trial_number(const vn_trial *trial) { return trial != nullptr ? trial->number : -1; }

VN_API vn_status vn_trial_get_float(const vn_trial *trial, const char *name, double *out) {
  return capi::call([&] {
    capi::require(out != nullptr, "vn_trial_get_float: out is NULL");
    *out = trial->params[active_param(trial, name, VN_PARAM_FLOAT, "vn_trial_get_float")];
  });
}

VN_API vn_status vn_trial_get_int(const vn_trial *trial, const char *name, int64_t *out) {
  return capi::call([&] {
    capi::require(out != nullptr, "vn_trial_get_int: out is NULL");
    *out = std::llround(trial->params[active_param(trial, name, VN_PARAM_INT, "vn_trial_get_int")]);
  });
}

VN_API vn_status vn_trial_get_categorical(const vn_trial *trial, const char *name, const char **out) {
  return capi::call([&] {
    capi::require(out != nullptr, "vn_trial_get_categorical: out is NULL");
    std::size_t j = active_param(trial, name, VN_PARAM_CATEGORICAL, "vn_trial_get_categorical");
    const Param &p = trial->study->study->space().params()[j];
    *out = p.choices.at(static_cast<std::size_t>(trial->params[j])).c_str();
  });
}

VN_API vn_status vn_trial_is_active(const vn_trial *trial, const char *name, int32_t *out) {
  return capi::call([&] {
    capi::require(trial != nullptr && name != nullptr && out != nullptr, "vn_trial_is_active: NULL argument");
    int j = trial->study->study->space().index_of(name);
    if (j < 0) throw not_found(std::string("no parameter named '") + name + "' in the space");
    *out = std::isnan(trial->params[static_cast<std::size_t>(j)]) ? 0 : 1;
  });
}

VN_API vn_status vn_trial_params_json(const vn_trial *trial, char **out_json) {
  return capi::call([&] {
    if (out_json != nullptr) *out_json = nullptr;  // as vernier.h promises for every failure
    capi::require(trial != nullptr && out_json != nullptr, "vn_trial_params_json: NULL argument");
    *out_json = capi::duplicate_json(trial->study->study->space().to_values(trial->params.data()));
  });
}

VN_API vn_status vn_trial_report(vn_trial *trial, int64_t step, double value) {
  return capi::call([&] {
    capi::require(trial != nullptr, "vn_trial_report: trial is NULL");
    trial->study->study->report(trial->number, step, value);
  });
}

VN_API int32_t vn_trial_should_prune(const vn_trial *) { return 0; }  // pruners come with their issue

}

// Reading a journal without a study config, for `vernier studies`, `vernier show` and vn_study_open:
// any study in it, Vernier's or Optuna's. The journal is opened read-only and never locked.
#ifndef VERNIER_CORE_STORAGE_JOURNAL_INSPECT_HPP
#define VERNIER_CORE_STORAGE_JOURNAL_INSPECT_HPP

#include <string>

#include <boost/json.hpp>

namespace vernier::storage {

// {"path", "studies": [{"name", "direction", "trials": {"complete", "pruned", "failed", "running",
//  "waiting"}, "best": {"number", "value"} | null, "vernier": bool}], "warnings": [...]}.
// direction is "minimize", "maximize", or an array of them for a study with several objectives.
boost::json::object list_studies(const std::string &path);

// One study with every trial: {"path", "study", "direction", "vernier": bool, "user_attrs",
// "system_attrs", "trials": [{"number", "state", "value" (or "values"), "params": {name: value},
// "intermediate": {step: value}, "datetime_start", "datetime_complete", "message", "user_attrs",
// "system_attrs"}], "warnings"}. study_name "" means the journal's only study. Throws
// Error(VN_E_NOT_FOUND) naming the studies the journal holds when there is no such study.
boost::json::object describe_study(const std::string &path, const std::string &study_name);

// A study config for a stored study: {"name", "direction", "space", "sampler", "storage"}, from
// Vernier's settings, or for a study another program made, a space derived from its trials'
// distributions (no conditions) and the random sampler.
boost::json::object stored_study_config(const std::string &path, const std::string &study_name);

}  // namespace vernier::storage

#endif  // VERNIER_CORE_STORAGE_JOURNAL_INSPECT_HPP

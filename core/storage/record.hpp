// The records of Optuna's JournalStorage (optuna/storages/_journal/storage.py): one JSON object per
// line, {"op_code": N, "worker_id": "...", ...fields}. This file writes them; journal_model.cpp replays
// them. The field names and values are Optuna's own, so Optuna 3.1 and 4.x read what Vernier writes:
//   0 CREATE_STUDY          study_name, directions ([1] minimise, [2] maximise)
//   1 DELETE_STUDY          study_id
//   2/3 SET_STUDY_USER_ATTR / SET_STUDY_SYSTEM_ATTR   study_id, user_attr / system_attr {key: value}
//   4 CREATE_TRIAL          study_id, datetime_start, and optionally a template: state, value, values,
//                           params {name: internal}, distributions {name: distribution_to_json text},
//                           user_attrs, system_attrs, intermediate_values, datetime_complete
//   5 SET_TRIAL_PARAM       trial_id, param_name, param_value_internal, distribution (text)
//   6 SET_TRIAL_STATE_VALUES  trial_id, state, values, datetime_start (running) / datetime_complete
//   7 SET_TRIAL_INTERMEDIATE_VALUE  trial_id, step, intermediate_value
//   8/9 SET_TRIAL_USER_ATTR / SET_TRIAL_SYSTEM_ATTR   trial_id, user_attr / system_attr {key: value}
// trial_id counts trials across every study of the file; a trial's number counts within its study.
#ifndef VERNIER_CORE_STORAGE_RECORD_HPP
#define VERNIER_CORE_STORAGE_RECORD_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vernier::storage {

enum Op : int32_t {
  kCreateStudy = 0,
  kDeleteStudy = 1,
  kSetStudyUserAttr = 2,
  kSetStudySystemAttr = 3,
  kCreateTrial = 4,
  kSetTrialParam = 5,
  kSetTrialStateValues = 6,
  kSetTrialIntermediateValue = 7,
  kSetTrialUserAttr = 8,
  kSetTrialSystemAttr = 9,
};

// Optuna's TrialState values. The first four are Vernier's VN_TRIAL_* too.
constexpr int32_t kOptunaRunning = 0, kOptunaComplete = 1, kOptunaPruned = 2, kOptunaFail = 3, kOptunaWaiting = 4;
// Optuna's StudyDirection values.
constexpr int32_t kOptunaMinimize = 1, kOptunaMaximize = 2;

// A double as JSON text that reads back to the same value; as_float keeps a decimal point ("1.0", not
// "1") so that Python reads a float; otherwise integral values are written as integers. Infinities and
// NaN are written as Python's json writes them (Infinity, -Infinity, NaN), as Optuna's journal holds them.
std::string number_text(double v, bool as_float);
// A JSON string literal (quotes and escapes included).
std::string string_text(std::string_view s);
// The local time as Python's datetime.now().isoformat(timespec="microseconds") writes it.
std::string now_iso();

// One parameter of a trial as the journal stores it.
struct ParamEntry {
  std::string name;
  double internal = 0;
  std::string distribution;  // distribution_to_json text
};

// Each function returns one complete line, '\n' included. Attribute values are JSON text.
std::string create_study_record(const std::string &worker, const std::string &name, int32_t direction);
std::string study_attr_record(const std::string &worker, int64_t study_id, bool system, const std::string &key,
                              const std::string &value_json);
std::string create_trial_record(const std::string &worker, int64_t study_id, const std::vector<ParamEntry> &params,
                                const std::string &system_attrs_json);
std::string trial_param_record(const std::string &worker, int64_t trial_id, const ParamEntry &param);
// values: the objective for complete trials (and a pruned trial's last intermediate value, as Optuna).
std::string trial_state_record(const std::string &worker, int64_t trial_id, int32_t state, std::optional<double> value);
std::string intermediate_record(const std::string &worker, int64_t trial_id, int64_t step, double value);
std::string trial_attr_record(const std::string &worker, int64_t trial_id, bool system, const std::string &key,
                              const std::string &value_json);

}  // namespace vernier::storage

#endif  // VERNIER_CORE_STORAGE_RECORD_HPP

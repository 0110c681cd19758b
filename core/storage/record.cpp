#include "storage/record.hpp"
#include "base/number_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>

#include <sys/time.h>

namespace vernier::storage {

std::string number_text(double v, bool as_float) {
  if (!std::isfinite(v)) return exact_number(v);  // NaN, Infinity: as Python's json writes them (no JSON has them)
  if (!as_float && std::floor(v) == v && std::fabs(v) < 9007199254740992.0) return std::to_string(static_cast<int64_t>(v));
  std::string s = exact_number(v);
  if (as_float && s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string string_text(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char esc[8];
          std::snprintf(esc, sizeof esc, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += esc;
        } else {
          out += c;  // UTF-8 passes through: Python's json reads it
        }
    }
  }
  return out + "\"";
}

std::string now_iso() {
  timeval tv{};
  ::gettimeofday(&tv, nullptr);
  std::tm local{};
  ::localtime_r(&tv.tv_sec, &local);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06ld", local.tm_year + 1900, local.tm_mon + 1,
                local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec, static_cast<long>(tv.tv_usec));
  return buf;
}

namespace {

std::string head(int32_t op, const std::string &worker) {
  return "{\"op_code\": " + std::to_string(op) + ", \"worker_id\": " + string_text(worker);
}

}  // namespace

std::string create_study_record(const std::string &worker, const std::string &name, int32_t direction) {
  return head(kCreateStudy, worker) + ", \"study_name\": " + string_text(name) + ", \"directions\": [" +
         std::to_string(direction > 0 ? kOptunaMinimize : kOptunaMaximize) + "]}\n";
}

std::string study_attr_record(const std::string &worker, int64_t study_id, bool system, const std::string &key,
                              const std::string &value_json) {
  return head(system ? kSetStudySystemAttr : kSetStudyUserAttr, worker) + ", \"study_id\": " + std::to_string(study_id) +
         (system ? ", \"system_attr\": {" : ", \"user_attr\": {") + string_text(key) + ": " + value_json + "}}\n";
}

std::string create_trial_record(const std::string &worker, int64_t study_id, const std::vector<ParamEntry> &params,
                                const std::string &system_attrs_json) {
  std::string out = head(kCreateTrial, worker) + ", \"study_id\": " + std::to_string(study_id) +
                    ", \"datetime_start\": \"" + now_iso() + "\"";
  if (!params.empty() || system_attrs_json != "{}") {
    // A template trial, as Optuna's create_new_trial(template_trial) writes it: the state and every
    // field Optuna's replay reads, so that both versions rebuild the same trial.
    std::string values, distributions;
    for (const ParamEntry &p : params) {
      if (!values.empty()) values += ", ", distributions += ", ";
      values += string_text(p.name) + ": " + number_text(p.internal, true);
      distributions += string_text(p.name) + ": " + string_text(p.distribution);
    }
    out += ", \"state\": 0, \"value\": null, \"values\": null, \"distributions\": {" + distributions + "}, \"params\": {" +
           values + "}, \"user_attrs\": {}, \"system_attrs\": " + system_attrs_json + ", \"intermediate_values\": {}";
  }
  return out + "}\n";
}

std::string trial_param_record(const std::string &worker, int64_t trial_id, const ParamEntry &param) {
  return head(kSetTrialParam, worker) + ", \"trial_id\": " + std::to_string(trial_id) +
         ", \"param_name\": " + string_text(param.name) + ", \"param_value_internal\": " + number_text(param.internal, true) +
         ", \"distribution\": " + string_text(param.distribution) + "}\n";
}

std::string trial_state_record(const std::string &worker, int64_t trial_id, int32_t state, std::optional<double> value) {
  std::string out = head(kSetTrialStateValues, worker) + ", \"trial_id\": " + std::to_string(trial_id) +
                    ", \"state\": " + std::to_string(state) + ", \"values\": ";
  out += value ? "[" + number_text(*value, true) + "]" : std::string("null");
  out += state == kOptunaRunning ? ", \"datetime_start\": \"" : ", \"datetime_complete\": \"";
  return out + now_iso() + "\"}\n";
}

std::string intermediate_record(const std::string &worker, int64_t trial_id, int64_t step, double value) {
  return head(kSetTrialIntermediateValue, worker) + ", \"trial_id\": " + std::to_string(trial_id) +
         ", \"step\": " + std::to_string(step) + ", \"intermediate_value\": " + number_text(value, true) + "}\n";
}

std::string trial_attr_record(const std::string &worker, int64_t trial_id, bool system, const std::string &key,
                              const std::string &value_json) {
  return head(system ? kSetTrialSystemAttr : kSetTrialUserAttr, worker) + ", \"trial_id\": " + std::to_string(trial_id) +
         (system ? ", \"system_attr\": {" : ", \"user_attr\": {") + string_text(key) + ": " + value_json + "}}\n";
}

}  // namespace vernier::storage

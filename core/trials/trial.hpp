// One trial as the storage keeps it.
#ifndef VERNIER_CORE_TRIALS_TRIAL_HPP
#define VERNIER_CORE_TRIALS_TRIAL_HPP

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "vernier/status.h"

namespace vernier {

struct TrialRecord {
  int64_t number = -1;
  int32_t state = VN_TRIAL_RUNNING;
  std::vector<double> params;                 // internal values, NaN = inactive; empty until set
  double value = std::numeric_limits<double>::quiet_NaN();  // in the study's direction; complete only
  std::map<int64_t, double> intermediate;     // step -> reported value
  std::string message;                        // why a trial failed, when known
  boost::json::object user_attrs, system_attrs;  // see Storage::set_trial_attr
};

// A trial enqueued by another program (Optuna's enqueue_trial) and not started yet: not finished,
// not running, and never shown to samplers. Not part of the ABI (status.h has the four above).
constexpr int32_t kTrialWaiting = 4;

const char *state_name(int32_t state);  // "running", "complete", "pruned", "failed", "waiting"

}  // namespace vernier

#endif  // VERNIER_CORE_TRIALS_TRIAL_HPP

// One trial as the storage keeps it.
#ifndef VERNIER_CORE_TRIAL_HPP
#define VERNIER_CORE_TRIAL_HPP

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "vernier/status.h"

namespace vernier {

struct TrialRecord {
  int64_t number = -1;
  int32_t state = VN_TRIAL_RUNNING;
  std::vector<double> params;                 // internal values, NaN = inactive; empty until set
  double value = std::numeric_limits<double>::quiet_NaN();  // in the study's direction; complete only
  std::map<int64_t, double> intermediate;     // step -> reported value
  std::string message;                        // why a trial failed, when known
};

const char *state_name(int32_t state);  // "running", "complete", "pruned", "failed"

}  // namespace vernier

#endif  // VERNIER_CORE_TRIAL_HPP

// An objective the core runs itself for `vn_study_run` / `vernier tune`: a benchmark function, an
// external command, later the cross-validated model. (Embedders with their own objective use ask/tell
// or vn_study_optimize instead.)
#ifndef VERNIER_CORE_OBJECTIVE_HPP
#define VERNIER_CORE_OBJECTIVE_HPP

#include <cstdint>
#include <string>

#include <boost/json.hpp>

#include "vernier/status.h"

namespace vernier {

// What one evaluation produced: the trial state to record (VN_TRIAL_COMPLETE or VN_TRIAL_FAILED),
// the objective value in the study's own direction (NaN unless complete), and for a failure a
// one-line reason that the CLI shows and the storage keeps.
struct Outcome {
  int32_t state = VN_TRIAL_FAILED;
  double value = 0.0;
  std::string message;
};

class Objective {
 public:
  virtual ~Objective() = default;
  // params: the trial's active parameters {"name": value} with floats as doubles, ints as int64 and
  // categoricals as their choice string. Never throws for a bad evaluation: that is a failed Outcome.
  virtual Outcome evaluate(const boost::json::object &params, int64_t trial_number) = 0;
};

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVE_HPP

// An objective the core runs itself for `vn_study_run` / `vernier tune`: a benchmark function, an
// external command, later the cross-validated model. (Embedders with their own objective use ask/tell
// or vn_study_optimize instead.)
#ifndef VERNIER_CORE_OBJECTIVES_OBJECTIVE_HPP
#define VERNIER_CORE_OBJECTIVES_OBJECTIVE_HPP

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

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
  // Values to record as intermediate values at steps 0, 1, ... (cv: each fold's score), also for a
  // trial that failed part-way.
  std::vector<double> intermediate;
};

// What the study hands its objective once the trial budget is spent (Objective::after_budget).
struct BudgetEnd {
  int64_t best_number = -1;            // the best complete trial
  boost::json::object best_params;     // its parameters, as evaluate() gets them
  uint64_t budget = 0;                 // the budget just spent (finished trials)
  uint64_t seed = 0;                   // the study's sampler seed
  std::function<void(const std::string &)> progress;  // may be empty
};

class Objective {
 public:
  virtual ~Objective() = default;
  // params: the trial's active parameters {"name": value} with floats as doubles, ints as int64 and
  // categoricals as their choice string. Never throws for a bad evaluation: that is a failed Outcome.
  virtual Outcome evaluate(const boost::json::object &params, int64_t trial_number) = 0;
  // Called by Study::run after the budget when a trial completed. Returns results to keep as study
  // attributes ({"test_score": {...}}: each key is stored as "vernier:<key>" and shown in the summary),
  // or nothing. The cv objective refits the best configuration and scores the held-out test part here.
  virtual std::optional<boost::json::object> after_budget(const BudgetEnd &) { return std::nullopt; }
  // What the trials are scored by, kept with a stored study so that resuming it with another objective
  // (another function, program, model, metric or dataset) is refused rather than mixing incomparable
  // values. Settings that leave the scores alone (a timeout, a file's path) are not part of it. Empty:
  // nothing is promised, nothing is checked.
  virtual boost::json::object identity() const { return {}; }
};

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVES_OBJECTIVE_HPP

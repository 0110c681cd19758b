// Trials interrupted mid-run, and their retries (docs/storage.md, "What a resume reproduces").
//
// A trial that did not fail on its own (its worker was killed or crashed, or the run was stopped by
// Ctrl-C) carries the system attribute "vernier:interrupted". Such a trial is left out: it does not
// count toward the budget, no sampler sees it, and the next ask, by any worker, re-runs its parameters
// in a new trial, claimed under the storage's lock so that exactly one retry is made. The new trial
// carries the system attributes Optuna's RetryFailedTrialCallback writes: "failed_trial" (the number of
// the first trial of the chain) and "retry_history" (every trial it retries, oldest first), so Optuna's
// tools see the link; a failed trial named in any trial's "retry_history" (Optuna's retries too) is
// left out the same way and never retried again.
//
// Samplers see the study as if the left-out trials had never been: each trial's index for the sampler
// (its "trial number" in space.h) is its number minus the left-out trials before it, so a resumed study
// asks the sampler exactly what an uninterrupted run asked.
#ifndef VERNIER_CORE_TRIALS_TRIAL_RETRY_HPP
#define VERNIER_CORE_TRIALS_TRIAL_RETRY_HPP

#include <cstdint>
#include <set>
#include <vector>

#include <boost/json.hpp>

#include "trials/trial.hpp"

namespace vernier {

inline constexpr const char *kInterruptedKey = "vernier:interrupted";
inline constexpr const char *kFailedTrialKey = "failed_trial";    // Optuna's RetryFailedTrialCallback
inline constexpr const char *kRetryHistoryKey = "retry_history";  // idem

// Whether t is a failed trial that did not fail on its own (its worker died or was interrupted).
bool was_interrupted(const TrialRecord &t);

// What the retry rules make of a study's trials (in number order).
class RetryLedger {
 public:
  explicit RetryLedger(const std::vector<TrialRecord> &trials);

  // Interrupted, or failed and named in a later trial's retry_history.
  bool left_out(int64_t number) const { return left_out_.count(number) != 0; }
  // The trial's index for the sampler: its number minus the left-out trials before it. For the number
  // a new trial would get (the number of trials), the count of trials not left out.
  int64_t sampler_index(int64_t number) const;
  // The first interrupted trial no trial retries yet, whose parameters are a whole point of a space of
  // d parameters (one without them is left out and not retried: the next suggestion takes its place);
  // nullptr when none.
  const TrialRecord *pending(std::size_t d) const;

 private:
  const std::vector<TrialRecord> &trials_;
  std::set<int64_t> left_out_, retried_;
};

// The system attributes of a trial that retries t, as Optuna's RetryFailedTrialCallback writes them.
boost::json::object retry_attrs(const TrialRecord &t);

}  // namespace vernier

#endif  // VERNIER_CORE_TRIALS_TRIAL_RETRY_HPP

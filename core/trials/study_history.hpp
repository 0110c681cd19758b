// The history a sampler sees (space.h's vn_history), built from the trials a storage keeps.
//
// Only trials whose parameters are a point of the study's space are in it: a running trial whose
// parameters are not set yet (another worker is still asking), and a partial trial (written by another
// program, e.g. an Optuna worker that suggested only some of the parameters, or made under another
// space) are left out, and so are the trials trial_retry.hpp leaves out (interrupted, or retried); each
// row's number is the trial's sampler index (RetryLedger::sampler_index), so that a study resumed after
// a trial was interrupted shows samplers the history of an uninterrupted run. A history row is always a valid point (NaN only for inactive conditional
// parameters), as samplers are promised; see docs/storage.md, "Partial trials".
#ifndef VERNIER_CORE_TRIALS_STUDY_HISTORY_HPP
#define VERNIER_CORE_TRIALS_STUDY_HISTORY_HPP

#include <cstdint>
#include <vector>

#include "trials/trial.hpp"
#include "trials/trial_retry.hpp"
#include "vernier/plugin/space.h"

namespace vernier {

// Whether a stored trial's parameters are a point of a space of d parameters. The storages keep a
// trial's parameters either as a whole valid point or not at all (empty), so the size tells.
inline bool is_point_of_space(const TrialRecord &t, std::size_t d) { return t.params.size() == d; }

// Owns the columns `view` points into; values are made "lower is better" (direction: +1 minimise, -1
// maximise). Not copyable: the view points into this object.
class SamplerHistory {
 public:
  SamplerHistory(const std::vector<TrialRecord> &trials, std::size_t d, int32_t direction);
  // With the ledger of these trials, when the caller has built it already (Study::ask).
  SamplerHistory(const std::vector<TrialRecord> &trials, const RetryLedger &ledger, std::size_t d, int32_t direction);
  SamplerHistory(const SamplerHistory &) = delete;
  SamplerHistory &operator=(const SamplerHistory &) = delete;

  const vn_history &view() const { return view_; }

 private:
  std::vector<int64_t> numbers_;
  std::vector<int32_t> states_;
  std::vector<double> params_, values_, last_intermediate_;
  std::vector<int64_t> last_step_;
  vn_history view_{};
};

}  // namespace vernier

#endif  // VERNIER_CORE_TRIALS_STUDY_HISTORY_HPP

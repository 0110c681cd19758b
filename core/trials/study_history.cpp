#include "trials/study_history.hpp"

#include <cmath>

#include "trials/trial_retry.hpp"

namespace vernier {

SamplerHistory::SamplerHistory(const std::vector<TrialRecord> &trials, std::size_t d, int32_t direction)
    : SamplerHistory(trials, RetryLedger(trials), d, direction) {}

SamplerHistory::SamplerHistory(const std::vector<TrialRecord> &trials, const RetryLedger &ledger, std::size_t d,
                               int32_t direction) {
  for (const TrialRecord &t : trials) {
    if (!is_point_of_space(t, d) || ledger.left_out(t.number)) continue;
    numbers_.push_back(ledger.sampler_index(t.number));
    states_.push_back(t.state);
    params_.insert(params_.end(), t.params.begin(), t.params.end());
    values_.push_back(t.state == VN_TRIAL_COMPLETE ? t.value * direction : std::nan(""));
    last_step_.push_back(t.intermediate.empty() ? -1 : t.intermediate.rbegin()->first);
    last_intermediate_.push_back(t.intermediate.empty() ? std::nan("") : t.intermediate.rbegin()->second * direction);
  }
  view_ = vn_history{sizeof(vn_history), static_cast<uint32_t>(d), numbers_.size(), numbers_.data(), states_.data(),
                     params_.data(), values_.data(), last_step_.data(), last_intermediate_.data()};
}

}  // namespace vernier

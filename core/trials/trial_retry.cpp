#include "trials/trial_retry.hpp"

#include <algorithm>

namespace vernier {

namespace bj = boost::json;

bool was_interrupted(const TrialRecord &t) {
  if (t.state != VN_TRIAL_FAILED) return false;
  const bj::value *v = t.system_attrs.if_contains(kInterruptedKey);
  return v != nullptr && v->is_bool() && v->get_bool();
}

RetryLedger::RetryLedger(const std::vector<TrialRecord> &trials) : trials_(trials) {
  for (const TrialRecord &t : trials) {
    if (const bj::value *h = t.system_attrs.if_contains(kRetryHistoryKey); h != nullptr && h->is_array())
      for (const bj::value &n : h->get_array())
        if (n.is_int64() || n.is_uint64()) retried_.insert(n.to_number<int64_t>());
    if (was_interrupted(t)) left_out_.insert(t.number);
  }
  for (int64_t n : retried_)
    if (n >= 0 && static_cast<std::size_t>(n) < trials.size() && trials[static_cast<std::size_t>(n)].state == VN_TRIAL_FAILED)
      left_out_.insert(n);
}

int64_t RetryLedger::sampler_index(int64_t number) const {
  return number - static_cast<int64_t>(std::distance(left_out_.begin(), left_out_.lower_bound(number)));
}

const TrialRecord *RetryLedger::pending(std::size_t d) const {
  for (int64_t n : left_out_) {
    const TrialRecord &t = trials_[static_cast<std::size_t>(n)];
    if (was_interrupted(t) && retried_.count(n) == 0 && t.params.size() == d) return &t;
  }
  return nullptr;
}

bj::object retry_attrs(const TrialRecord &t) {
  bj::array history;
  if (const bj::value *h = t.system_attrs.if_contains(kRetryHistoryKey); h != nullptr && h->is_array()) history = h->get_array();
  history.push_back(t.number);
  const bj::value *first = t.system_attrs.if_contains(kFailedTrialKey);
  return bj::object{{kFailedTrialKey, first != nullptr && first->is_int64() ? first->get_int64() : t.number},
                    {kRetryHistoryKey, std::move(history)}};
}

}  // namespace vernier

#include "observations.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace vernier::gp_sampler {

PrunedPolicy pruned_policy_from_name(const std::string &name) {
  if (name == "last_value") return PrunedPolicy::LastValue;
  if (name == "worst") return PrunedPolicy::Worst;
  if (name == "ignore") return PrunedPolicy::Ignore;
  throw std::invalid_argument("unknown pruned policy '" + name + "'");
}

Observations collect_observations(const vn_history &history, PrunedPolicy pruned) {
  Observations obs;
  obs.dims = history.n_params;
  const std::size_t d = history.n_params;
  double lowest = HUGE_VAL, highest = -HUGE_VAL;  // over finite complete values
  for (uint64_t t = 0; t < history.n_trials; ++t) {
    const double v = history.values[t];
    if (history.states[t] == VN_TRIAL_COMPLETE && std::isfinite(v)) {
      lowest = std::min(lowest, v);
      highest = std::max(highest, v);
    }
  }
  const bool any_finite = lowest <= highest;
  auto add = [&](uint64_t t, double value) {
    obs.X.insert(obs.X.end(), history.params + t * d, history.params + (t + 1) * d);
    obs.y.push_back(value);
    obs.complete.push_back(history.states[t] == VN_TRIAL_COMPLETE);
  };
  for (uint64_t t = 0; t < history.n_trials; ++t) {
    const double v = history.values[t];
    switch (history.states[t]) {
      case VN_TRIAL_COMPLETE:
        if (std::isfinite(v)) {
          add(t, v);
        } else if (!any_finite) {
          add(t, 0.0);
        } else {
          add(t, v == -HUGE_VAL ? lowest : highest);
        }
        break;
      case VN_TRIAL_PRUNED:
        if (pruned == PrunedPolicy::LastValue && history.last_intermediate != nullptr &&
            std::isfinite(history.last_intermediate[t])) {
          add(t, history.last_intermediate[t]);
        } else if (pruned != PrunedPolicy::Ignore && any_finite) {
          add(t, highest);
        }
        break;
      case VN_TRIAL_RUNNING:
        obs.pending.insert(obs.pending.end(), history.params + t * d, history.params + (t + 1) * d);
        break;
      default:  // failed, or a state appended after ABI 1.0: nothing to learn
        break;
    }
  }
  return obs;
}

}  // namespace vernier::gp_sampler

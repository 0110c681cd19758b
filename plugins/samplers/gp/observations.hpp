// What the GP sampler learns from a history: the points and values it models, and the points still being
// evaluated.
//  - Complete trials with a finite value are observations. A value of +inf or NaN counts as the worst
//    finite value seen, -inf as the best, so one broken trial cannot make every target infinite; with no
//    finite value at all they are all equal (0).
//  - Pruned trials, by the "pruned" option: "last_value" (default) models them at their last intermediate
//    value (a pruned trial was stopped because it looked poor there, which is worth knowing) or, without
//    a finite one, like "worst": at the worst complete value; "ignore" drops them. They never set the
//    incumbent (the best value) that improvement is measured from: only complete trials do (`complete`).
//  - Failed trials, and states this plugin does not know, are ignored.
//  - Running trials are pending points: a batch or a parallel worker must not propose them again.
#ifndef VERNIER_SAMPLERS_GP_OBSERVATIONS_HPP
#define VERNIER_SAMPLERS_GP_OBSERVATIONS_HPP

#include <string>
#include <vector>

#include "vernier/plugin/space.h"

namespace vernier::gp_sampler {

enum class PrunedPolicy { LastValue, Worst, Ignore };
PrunedPolicy pruned_policy_from_name(const std::string &name);  // throws std::invalid_argument

struct Observations {
  uint32_t dims = 0;
  std::vector<double> X;        // n x dims internal values (NaN = inactive)
  std::vector<double> y;        // n finite targets, lower is better
  std::vector<bool> complete;   // n flags: a complete trial (else a pruned one)
  std::vector<double> pending;  // running trials' points, m x dims
  std::size_t size() const { return y.size(); }
  std::size_t pending_size() const { return dims == 0 ? 0 : pending.size() / dims; }
};

Observations collect_observations(const vn_history &history, PrunedPolicy pruned);

}  // namespace vernier::gp_sampler

#endif  // VERNIER_SAMPLERS_GP_OBSERVATIONS_HPP

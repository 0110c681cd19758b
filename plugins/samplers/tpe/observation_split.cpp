// The below/above split of TPE: see observation_split.hpp.
#include "observation_split.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "vernier/status.h"

namespace vernier::tpe {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The rank of a trial: compared lexicographically, lower first.
struct RankKey {
  double stage;   // -inf complete, -step pruned with a report, 1 pruned without, +inf running
  double value;   // the value compared within a stage
  uint64_t index;
};

double or_inf(double v) { return std::isnan(v) ? kInf : v; }

}  // namespace

uint64_t below_count(uint64_t n, double gamma, uint64_t max_below) {
  const double wanted = std::ceil(gamma * static_cast<double>(n));
  if (!(wanted > 0)) return 0;
  const auto below = wanted >= static_cast<double>(n) ? n : static_cast<uint64_t>(wanted);
  return std::min(below, max_below);
}

Split split_observations(const std::vector<TrialOutcome> &trials, const SplitSettings &settings) {
  Split split;
  split.side.assign(trials.size(), Side::Ignored);
  std::vector<RankKey> keys;
  keys.reserve(trials.size());
  for (uint64_t i = 0; i < trials.size(); ++i) {
    const TrialOutcome &t = trials[i];
    switch (t.state) {
      case VN_TRIAL_COMPLETE:
        keys.push_back({-kInf, or_inf(t.value), i});
        ++split.n_finished;
        break;
      case VN_TRIAL_PRUNED:
        if (t.last_step >= 0) keys.push_back({-static_cast<double>(t.last_step), or_inf(t.last_intermediate), i});
        else keys.push_back({1.0, 0.0, i});
        ++split.n_finished;
        break;
      case VN_TRIAL_RUNNING:
        if (settings.constant_liar) keys.push_back({kInf, kInf, i});
        break;
      default:
        break;  // failed, or a state this plugin does not know: ignored (status.h)
    }
  }
  // Only the first n_below in rank order matter (at most max_below, 25 by default): select them in
  // linear time. The index breaks ties, which makes the order total and the selection stable.
  auto rank_less = [](const RankKey &a, const RankKey &b) {
    if (a.stage != b.stage) return a.stage < b.stage;
    if (a.value != b.value) return a.value < b.value;
    return a.index < b.index;
  };
  split.n_below = below_count(split.n_finished, settings.gamma, settings.max_below);
  if (split.n_below < keys.size())
    std::nth_element(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(split.n_below), keys.end(), rank_less);
  for (uint64_t r = 0; r < keys.size(); ++r) split.side[keys[r].index] = r < split.n_below ? Side::Below : Side::Above;
  return split;
}

}  // namespace vernier::tpe

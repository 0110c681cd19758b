// The below/above split of TPE on hand-made histories (test_split_vs_optuna.py checks random ones
// against Optuna itself).
#include <cmath>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include "observation_split.hpp"
#include "vernier/status.h"

using namespace vernier::tpe;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TrialOutcome complete(double v) { return {VN_TRIAL_COMPLETE, v, -1, kNaN}; }
TrialOutcome pruned(int64_t step, double v) { return {VN_TRIAL_PRUNED, kNaN, step, v}; }
TrialOutcome of_state(int32_t state) { return {state, kNaN, -1, kNaN}; }

std::vector<int> indices_on(const Split &split, Side side) {
  std::vector<int> out;
  for (std::size_t i = 0; i < split.side.size(); ++i)
    if (split.side[i] == side) out.push_back(static_cast<int>(i));
  return out;
}

SplitSettings settings(double gamma, uint64_t max_below, bool liar) { return {gamma, max_below, liar}; }

}  // namespace

TEST_CASE("gamma(n) = min(ceil(gamma n), max_below)", "[tpe][split]") {
  CHECK(below_count(0, 0.1, 25) == 0);
  CHECK(below_count(1, 0.1, 25) == 1);
  CHECK(below_count(10, 0.1, 25) == 1);
  CHECK(below_count(11, 0.1, 25) == 2);
  CHECK(below_count(100, 0.1, 25) == 10);
  CHECK(below_count(1000, 0.1, 25) == 25);
  CHECK(below_count(7, 1.0, 25) == 7);
  CHECK(below_count(7, 1.0, 3) == 3);
}

TEST_CASE("complete trials rank by value, ties in creation order", "[tpe][split]") {
  std::vector<TrialOutcome> t = {complete(3), complete(1), complete(2), complete(1), complete(5)};
  const Split s = split_observations(t, settings(0.5, 25, true));  // ceil(2.5) = 3 below
  CHECK(s.n_finished == 5);
  CHECK(indices_on(s, Side::Below) == std::vector<int>{1, 2, 3});
  CHECK(indices_on(s, Side::Above) == std::vector<int>{0, 4});
  const Split two = split_observations({complete(1), complete(1), complete(1)}, settings(0.5, 25, true));
  CHECK(indices_on(two, Side::Below) == std::vector<int>{0, 1});  // all equal: the oldest first
}

TEST_CASE("pruned trials follow complete ones: later step first, then value; no report last", "[tpe][split]") {
  std::vector<TrialOutcome> t = {pruned(3, 0.5), complete(9), pruned(5, 0.7), pruned(5, 0.2),
                                 {VN_TRIAL_PRUNED, kNaN, -1, kNaN}, pruned(5, kNaN), complete(10)};
  const Split s = split_observations(t, settings(1.0, 5, true));  // 5 of 7 below
  // Order: complete 9 (1), complete 10 (6), step 5: 0.2 (3), 0.7 (2), NaN (5), step 3 (0), none (4).
  CHECK(indices_on(s, Side::Below) == std::vector<int>{1, 2, 3, 5, 6});
  CHECK(indices_on(s, Side::Above) == std::vector<int>{0, 4});
}

TEST_CASE("running trials are above with the constant liar, ignored without; failed always ignored", "[tpe][split]") {
  std::vector<TrialOutcome> t = {of_state(VN_TRIAL_RUNNING), complete(1), of_state(VN_TRIAL_FAILED), complete(2),
                                 of_state(99), complete(0.5)};
  const Split liar = split_observations(t, settings(0.5, 25, true));
  CHECK(liar.n_finished == 3);
  CHECK(indices_on(liar, Side::Below) == std::vector<int>{1, 5});
  CHECK(indices_on(liar, Side::Above) == std::vector<int>{0, 3});
  CHECK(indices_on(liar, Side::Ignored) == std::vector<int>{2, 4});
  const Split honest = split_observations(t, settings(0.5, 25, false));
  CHECK(indices_on(honest, Side::Above) == std::vector<int>{3});
  CHECK(indices_on(honest, Side::Ignored) == std::vector<int>{0, 2, 4});
  // Even when gamma asks for every trial, running ones never enter "below".
  const Split all = split_observations({of_state(VN_TRIAL_RUNNING), complete(1)}, settings(1.0, 25, true));
  CHECK(indices_on(all, Side::Below) == std::vector<int>{1});
}

TEST_CASE("infinite, huge and NaN values still rank", "[tpe][split]") {
  std::vector<TrialOutcome> t = {complete(kInf), complete(-kInf), complete(1e300), complete(kNaN), complete(-1e300)};
  const Split s = split_observations(t, settings(0.4, 25, true));  // 2 below
  CHECK(indices_on(s, Side::Below) == std::vector<int>{1, 4});
  const Split three = split_observations(t, settings(0.6, 25, true));  // 3 below: 1e300 before +inf and NaN
  CHECK(indices_on(three, Side::Below) == std::vector<int>{1, 2, 4});
}

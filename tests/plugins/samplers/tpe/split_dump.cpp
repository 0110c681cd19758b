// Prints TPE's below/above split of histories, for the cross-check against Optuna
// (test_split_vs_optuna.py). Input on stdin, any number of blocks: a line "gamma max_below constant_liar(0|1)
// n_trials", then n_trials lines "state value last_step last_intermediate" (values may be inf, -inf or
// nan). Output, per block: a line "below" and a line "above", each followed by the 0-based indices of
// the block's trials on that side.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "observation_split.hpp"

namespace {

double number(const std::string &text) { return std::strtod(text.c_str(), nullptr); }  // reads inf and nan

}  // namespace

int main() {
  using namespace vernier::tpe;
  std::string gamma, max_below, liar, count;
  while (std::cin >> gamma >> max_below >> liar >> count) {
    SplitSettings settings;
    settings.gamma = number(gamma);
    settings.max_below = std::strtoull(max_below.c_str(), nullptr, 10);
    settings.constant_liar = liar == "1";
    std::vector<TrialOutcome> trials;
    std::string state, value, step, intermediate;
    for (long i = std::atol(count.c_str()); i > 0 && (std::cin >> state >> value >> step >> intermediate); --i)
      trials.push_back({std::atoi(state.c_str()), number(value), std::atoll(step.c_str()), number(intermediate)});
    const Split split = split_observations(trials, settings);
    for (Side side : {Side::Below, Side::Above}) {
      std::cout << (side == Side::Below ? "below" : "above");
      for (std::size_t i = 0; i < trials.size(); ++i)
        if (split.side[i] == side) std::cout << ' ' << i;
      std::cout << '\n';
    }
  }
  return 0;
}

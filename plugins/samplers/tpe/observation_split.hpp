// The split of TPE's history into the "below" trials (the best gamma(n), modelled by l(x)) and the
// "above" ones (the rest, modelled by g(x)), with the ranking Optuna's TPESampler uses, so the same history
// gives the same split (tests/plugins/samplers/tpe/test_split_vs_optuna.py checks it against Optuna 3.1):
//
//  1. complete trials, by value (lower is better; NaN counts as +inf);
//  2. then pruned trials, those that reached a later step first, then by the value reported at that step
//     (NaN counts as +inf); pruned trials that reported nothing come after all of them;
//  3. then, with the constant liar, running trials: always "above", so parallel workers and the rows
//     of a batch are steered away from points already being evaluated.
// Failed trials and unknown states are ignored. Ties keep the order of creation (a stable sort).
// n, the number of complete and pruned trials, sets the size of "below": min(ceil(gamma n), max_below),
// computed as ceil(gamma * n) in double precision exactly as Optuna does.
#ifndef VERNIER_TPE_OBSERVATION_SPLIT_HPP
#define VERNIER_TPE_OBSERVATION_SPLIT_HPP

#include <cstdint>
#include <vector>

namespace vernier::tpe {

// What the split needs of one trial (the fields of vn_history).
struct TrialOutcome {
  int32_t state = 0;                // VN_TRIAL_*
  double value = 0;                 // complete trials: the objective, lower is better
  int64_t last_step = -1;           // the last step reported, -1 if none
  double last_intermediate = 0;     // the value reported at last_step
};

struct SplitSettings {
  double gamma = 0.1;               // in (0, 1]
  uint64_t max_below = 25;          // >= 1
  bool constant_liar = true;
};

enum class Side : uint8_t { Ignored, Below, Above };

struct Split {
  std::vector<Side> side;           // per trial, in the order given
  uint64_t n_finished = 0;          // complete + pruned
  uint64_t n_below = 0;
};

// The number of "below" trials among n finished ones.
uint64_t below_count(uint64_t n, double gamma, uint64_t max_below);

Split split_observations(const std::vector<TrialOutcome> &trials, const SplitSettings &settings);

}  // namespace vernier::tpe

#endif  // VERNIER_TPE_OBSERVATION_SPLIT_HPP

// The random sampler: every trial is an independent draw from the space, uniform in each parameter's unit
// scale (so log-uniform for log parameters, equal mass per grid value for ints and steps, uniform over
// choices). With "sobol": true the unit point of trial n is point n of a scrambled Sobol' sequence instead,
// which covers the space more evenly for the same budget (randomised quasi-Monte Carlo; Bergstra & Bengio,
// "Random search for hyper-parameter optimization", JMLR 13, 2012, discuss both).
//
// Each trial's unit point depends only on (seed, trial number) (VN-ABI-8), never on the history, so a
// resumed, replicated or parallel study gets the same suggestions. Every parameter consumes one unit value
// whether it is active or not, so one parameter's value never shifts because another became (in)active.
#include <cstdint>
#include <string>
#include <vector>

#include "sampler_support/seeded_sobol.hpp"
#include "vernier/sdk/options.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/rng.hpp"
#include "vernier/sdk/sobol.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace {

using namespace vernier::sdk;

constexpr const char *kOptions = R"({"options": {
  "sobol": {"type": "bool", "default": false,
            "help": "use point <trial number> of a Sobol sequence scrambled from the seed instead of independent draws"}
}})";

class RandomSampler : public Instance {
 public:
  RandomSampler(const vn_host *, const char *config_json) : sobol_(Options(kOptions, config_json).boolean("sobol")) {}

  void suggest(const vn_space &space, const vn_history &, uint64_t seed, const int64_t *trial_numbers,
               uint32_t count, double *out) {
    check_space(space);  // the history is not used: draws depend on (seed, trial number) alone
    const uint32_t d = space.n_params;
    std::vector<double> unit(d);
    for (uint32_t row = 0; row < count; ++row) {
      const int64_t trial = trial_numbers[row];
      if (sobol_) {
        if (trial < 0 || static_cast<uint64_t>(trial) >= Sobol::kMaxPoints)
          throw invalid("random: trial number " + std::to_string(trial) + " is outside the Sobol sequence's " +
                        "points 0 .. 2^32 - 1 (use \"sobol\": false)");
        sobol_points_.point(seed, static_cast<uint64_t>(trial), d, unit.data());
      } else {
        Rng rng(seed, trial);
        for (double &u : unit) u = rng.uniform();
      }
      sample_point(space, unit.data(), out + static_cast<size_t>(row) * d);
    }
  }

 private:
  bool sobol_;
  vernier::sampler_support::SeededSobol sobol_points_;
};

const vn_component kRandom = component<RandomSampler, VN_KIND_SAMPLER>(
    "random", "1.0.0", "independent uniform draws per trial, or a scrambled Sobol sequence", kOptions);

}  // namespace

VERNIER_SDK_ENTRY(&kRandom)

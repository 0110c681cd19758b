// One sampler instance driven by the conformance suite through its C vtable (probe_base.hpp): suggest,
// with the output in a guarded buffer and the space and history fingerprinted around the call.
#ifndef VERNIER_CORE_CONFORMANCE_SAMPLER_PROBE_HPP
#define VERNIER_CORE_CONFORMANCE_SAMPLER_PROBE_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "conformance/probe_base.hpp"
#include "vernier/plugin/sampler.h"

namespace vernier::conformance {

class SamplerProbe : public ProbeBase<vn_sampler_vtable, kSamplerVtable> {
 public:
  using ProbeBase::ProbeBase;

  struct Outcome : CallOutcome {
    std::vector<double> out;  // count x n_params, row-major (sentinel NaNs where the plugin wrote nothing)
    bool threw = false;
    bool exhausted() const { return status == VN_E_EXHAUSTED; }
  };
  Outcome suggest(const vn_space &space, const vn_history &history, uint64_t seed, const std::vector<int64_t> &numbers);
};

// "trial 3", "trials 4, 5": the trial numbers of a suggest call, for messages.
std::string trials_text(const std::vector<int64_t> &numbers);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_SAMPLER_PROBE_HPP

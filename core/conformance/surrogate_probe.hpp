// One surrogate instance driven by the conformance suite through its C vtable (probe_base.hpp): fit and
// predict, with predict's mean and var outputs in guarded buffers and the space, X, y and Xq compared
// byte by byte around each call.
#ifndef VERNIER_CORE_CONFORMANCE_SURROGATE_PROBE_HPP
#define VERNIER_CORE_CONFORMANCE_SURROGATE_PROBE_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "conformance/probe_base.hpp"
#include "vernier/plugin/surrogate.h"

namespace vernier::conformance {

// n observations of a space with d parameters: X row-major internal values, y targets.
struct SurrogateData {
  std::vector<double> X, y;
  std::size_t size() const { return y.size(); }
};

class SurrogateProbe : public ProbeBase<vn_surrogate_vtable, kSurrogateVtable> {
 public:
  using ProbeBase::ProbeBase;

  struct Outcome : CallOutcome {
    std::vector<double> mean, var;  // predict only
  };
  Outcome fit(const vn_space &space, const SurrogateData &data, uint64_t seed = 20240917);
  // predict at the points of Xq, d values each.
  Outcome predict(const std::vector<double> &Xq, std::size_t d);
};

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_SURROGATE_PROBE_HPP

// One sampler instance driven by the conformance suite directly through its C vtable. Unlike
// SamplerHandle (which serves studies and stops at the first problem), the probe observes everything
// a call does at the ABI boundary and keeps going: exceptions escaping the plugin (VN-ABI-5), a NULL
// last_error (VN-ABI-5), writes outside the caller's output buffer and writes into the host-owned
// views (VN-ABI-6). These are collected in Observations, shared by every probe of a suite (and its
// threads), and turned into checks at the end.
#ifndef VERNIER_CORE_CONFORMANCE_SAMPLER_PROBE_HPP
#define VERNIER_CORE_CONFORMANCE_SAMPLER_PROBE_HPP

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "conformance/probe_common.hpp"
#include "vernier/sampler.h"

namespace vernier::conformance {

class SamplerProbe {
 public:
  // Creates an instance from config_json; throws Failure saying what broke (a refused config, an
  // exception, a missing instance or vtable, a too-small vtable, a NULL function).
  SamplerProbe(const Component &component, const vn_host *host, Observations &seen,
               const std::string &config_json = "{}");
  ~SamplerProbe();
  SamplerProbe(const SamplerProbe &) = delete;
  SamplerProbe &operator=(const SamplerProbe &) = delete;

  struct Outcome {
    vn_status status = VN_E_INTERNAL;
    std::vector<double> out;  // count x n_params, row-major (sentinel NaNs where the plugin wrote nothing)
    std::string message;      // last_error() after a failure, or what went wrong at the boundary
    bool threw = false;
    bool ok() const { return status == VN_OK; }
    bool exhausted() const { return status == VN_E_EXHAUSTED; }
    std::string describe() const;  // "VN_E_INVALID (-1): message"
  };
  Outcome suggest(const vn_space &space, const vn_history &history, uint64_t seed, const std::vector<int64_t> &numbers);

 private:
  void *self_ = nullptr;
  const vn_sampler_vtable *vtable_ = nullptr;
  std::shared_ptr<LoadedLibrary> library_;  // keeps the code of destroy() loaded until it has run
  Observations &seen_;
};

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_SAMPLER_PROBE_HPP

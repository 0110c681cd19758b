#include "conformance/sampler_probe.hpp"

#include <algorithm>
#include <cstring>
#include <exception>
#include <tuple>

#include "conformance/check.hpp"
#include "conformance/guarded_buffer.hpp"
#include "conformance/sampler_fixtures.hpp"

namespace vernier::conformance {

namespace {

std::string numbers_text(const std::vector<int64_t> &numbers) {
  std::string s;
  for (int64_t n : numbers) s += (s.empty() ? "" : ", ") + std::to_string(n);
  return (numbers.size() == 1 ? "trial " : "trials ") + s;
}

}  // namespace

SamplerProbe::SamplerProbe(const Component &component, const vn_host *host, Observations &seen,
                           const std::string &config_json)
    : library_(component.library), seen_(seen) {
  std::tie(self_, vtable_) = create_checked<vn_sampler_vtable>(
      component, host, seen_, config_json, "vn_sampler_vtable", [](const vn_sampler_vtable &v) { return v.suggest != nullptr && v.last_error != nullptr && v.destroy != nullptr; },
      "suggest, last_error and destroy must not be NULL (sampler.h)");
}

SamplerProbe::~SamplerProbe() {
  if (self_ == nullptr) return;
  destroy_noting(vtable_->destroy, self_, seen_);
}

std::string SamplerProbe::Outcome::describe() const {
  return status_name(status) + (message.empty() ? "" : ": " + message);
}

SamplerProbe::Outcome SamplerProbe::suggest(const vn_space &space, const vn_history &history, uint64_t seed,
                                            const std::vector<int64_t> &numbers) {
  const std::size_t cells = numbers.size() * space.n_params;
  GuardedBuffer<double> buffer(cells, guard_sentinel());
  const std::string before = fingerprint(space, history);
  Outcome o;
  try {
    o.status = vtable_->suggest(self_, &space, &history, seed, numbers.data(), static_cast<uint32_t>(numbers.size()),
                                buffer.data());
  } catch (...) {
    o.threw = true;
    o.status = VN_E_INTERNAL;
    o.message = what_escaped("suggest");
    seen_.note(Observations::kException, o.message);
  }
  const std::string where = "suggest(" + numbers_text(numbers) + ", seed " + std::to_string(seed) + ")";
  if (const std::string side = buffer.violation(); !side.empty())
    seen_.note(Observations::kOverrun, where + " wrote outside its count x n_params output buffer (" + side + ")");
  if (fingerprint(space, history) != before)
    seen_.note(Observations::kModifiedView, where + " wrote into the host-owned space or history");
  o.out = buffer.values();
  if (o.threw) return o;

  const char *message = nullptr;
  try {
    message = vtable_->last_error(self_);
  } catch (...) {
    seen_.note(Observations::kException, what_escaped("last_error"));
  }
  if (message == nullptr) {
    seen_.note(Observations::kNullLastError, "last_error() returned NULL after " + where);
  } else if (o.status != VN_OK) {
    o.message = message;
    if (o.status != VN_E_EXHAUSTED && o.message.empty())
      seen_.note(Observations::kFailureWithoutMessage, where + " returned " + status_name(o.status) +
                                                           " and last_error() is empty");
  }
  return o;
}

}  // namespace vernier::conformance

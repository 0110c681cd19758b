// One sampler instance under test: see sampler_probe.hpp.
#include "conformance/sampler_probe.hpp"

#include "conformance/guarded_buffer.hpp"
#include "conformance/sampler_fixtures.hpp"

namespace vernier::conformance {

std::string trials_text(const std::vector<int64_t> &numbers) {
  std::string s;
  for (int64_t n : numbers) s += (s.empty() ? "" : ", ") + std::to_string(n);
  return (numbers.size() == 1 ? "trial " : "trials ") + s;
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
    escaped(o, "suggest");
  }
  const std::string where = "suggest(" + trials_text(numbers) + ", seed " + std::to_string(seed) + ")";
  if (const std::string side = buffer.violation(); !side.empty())
    seen_.note(Observations::kOverrun, where + " wrote outside its count x n_params output buffer (" + side + ")");
  if (fingerprint(space, history) != before)
    seen_.note(Observations::kModifiedView, where + " wrote into the host-owned space or history");
  o.out = buffer.values();
  if (!o.threw) finish(o, where, VN_E_EXHAUSTED);
  return o;
}

}  // namespace vernier::conformance

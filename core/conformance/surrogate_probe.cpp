// One surrogate instance under test: see surrogate_probe.hpp.
#include "conformance/surrogate_probe.hpp"

#include <utility>

#include "conformance/guarded_buffer.hpp"
#include "conformance/sampler_fixtures.hpp"

namespace vernier::conformance {

namespace {

std::string bytes_of(const std::vector<double> &v) {
  return std::string(reinterpret_cast<const char *>(v.data()), v.size() * sizeof(double));
}

}  // namespace

SurrogateProbe::Outcome SurrogateProbe::fit(const vn_space &space, const SurrogateData &data, uint64_t seed) {
  const HistoryData no_history(space.n_params);
  const std::string before = fingerprint(space, no_history.view()) + bytes_of(data.X) + bytes_of(data.y);
  const std::string where = "fit(" + std::to_string(data.size()) + " observations)";
  Outcome r;
  try {
    r.status = vtable_->fit(self_, &space, data.size(), data.X.data(), data.y.data(), seed);
  } catch (...) {
    escaped(r, "fit");
    return r;
  }
  if (fingerprint(space, no_history.view()) + bytes_of(data.X) + bytes_of(data.y) != before)
    seen_.note(Observations::kModifiedView, where + " wrote into the host-owned space, X or y");
  finish(r, where);
  return r;
}

SurrogateProbe::Outcome SurrogateProbe::predict(const std::vector<double> &Xq, std::size_t d) {
  const std::size_t m = d == 0 ? 0 : Xq.size() / d;
  GuardedBuffer<double> mean(m, guard_sentinel()), var(m, guard_sentinel());
  const std::string before = bytes_of(Xq);
  const std::string where = "predict(" + std::to_string(m) + " points)";
  Outcome r;
  try {
    r.status = vtable_->predict(self_, m, Xq.data(), mean.data(), var.data());
  } catch (...) {
    escaped(r, "predict");
    return r;
  }
  for (const auto &[name, buffer] : {std::pair<const char *, const GuardedBuffer<double> *>{"mean", &mean}, {"var", &var}})
    if (const std::string side = buffer->violation(); !side.empty()) {
      seen_.note(Observations::kOverrun, where + " wrote outside its mean[m] and var[m] outputs (" + name + ": " + side + ")");
      break;
    }
  if (bytes_of(Xq) != before) seen_.note(Observations::kModifiedView, where + " wrote into the host-owned Xq");
  r.mean = mean.values();
  r.var = var.values();
  finish(r, where);
  return r;
}

}  // namespace vernier::conformance

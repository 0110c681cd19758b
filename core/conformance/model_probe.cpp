// One model instance under test: see model_probe.hpp.
#include "conformance/model_probe.hpp"

#include <cstring>

#include "conformance/guarded_buffer.hpp"

namespace vernier::conformance {

namespace {

// Everything a call could modify but must not: the dataset, the rows and the hyperparameters.
std::vector<double> snapshot(const OwnedDataset &data, const std::vector<uint64_t> &rows, const std::vector<double> &h) {
  std::vector<double> s(data.features);
  s.insert(s.end(), data.target.begin(), data.target.end());
  for (uint64_t r : rows) s.push_back(static_cast<double>(r));
  s.insert(s.end(), h.begin(), h.end());
  return s;
}

// Bitwise, so a NaN a check planted compares equal to itself.
bool same_bits(const std::vector<double> &a, const std::vector<double> &b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

}  // namespace

ModelProbe::Outcome ModelProbe::fit(const OwnedDataset &data, const std::vector<uint64_t> &rows, const Space *space,
                                    const std::vector<double> &hparams, uint64_t seed) {
  static const Space kEmpty;
  const vn_space &view = (space != nullptr ? *space : kEmpty).view();
  const std::vector<double> before = snapshot(data, rows, hparams);
  Outcome o;
  bool threw = false;
  try {
    o.status = vtable_->fit(self_, &data.view(), rows.data(), rows.size(), &view, hparams.empty() ? nullptr : hparams.data(), seed);
  } catch (...) {
    threw = true;
    escaped(o, "fit");
  }
  const std::string where = name_ + ".fit(" + data.name() + ", " + std::to_string(rows.size()) + " rows)";
  if (!same_bits(snapshot(data, rows, hparams), before))
    seen_.note(Observations::kModifiedView, where + " wrote into the host-owned dataset, rows or hyperparameters");
  if (!threw) finish(o, where);
  return o;
}

ModelProbe::Outcome ModelProbe::predict(const OwnedDataset &data, const std::vector<uint64_t> &rows, int64_t out_len) {
  const std::size_t cells = rows.size() * data.width();
  const uint64_t len = out_len < 0 ? cells : static_cast<uint64_t>(out_len);
  // The buffer holds `len` cells (what the plugin is told) between guard pages.
  GuardedBuffer<double> buffer(len, guard_sentinel());
  const std::vector<double> before = snapshot(data, rows, {});
  Outcome o;
  bool threw = false;
  try {
    o.status = vtable_->predict(self_, &data.view(), rows.data(), rows.size(), buffer.data(), len);
  } catch (...) {
    threw = true;
    escaped(o, "predict");
  }
  const std::string where = name_ + ".predict(" + data.name() + ", " + std::to_string(rows.size()) + " rows)";
  if (const std::string side = buffer.violation(); !side.empty())
    seen_.note(Observations::kOverrun, where + " wrote outside its output buffer of out_len = " + std::to_string(len) + " (" + side + ")");
  if (!same_bits(snapshot(data, rows, {}), before))
    seen_.note(Observations::kModifiedView, where + " wrote into the host-owned dataset or rows");
  if (!threw) finish(o, where);
  o.out = buffer.values();
  return o;
}

FitPredict fit_predict(ModelProbe &probe, const TaskFixture &task, const Space *space, const std::vector<double> &hparams,
                       uint64_t seed) {
  FitPredict r;
  r.fit = probe.fit(task.data, task.train, space, hparams, seed);
  if (r.fit.ok()) r.predict = probe.predict(task.data, task.test);
  return r;
}

}  // namespace vernier::conformance

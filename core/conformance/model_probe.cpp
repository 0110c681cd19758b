// One model instance under test: see model_probe.hpp.
#include "model_probe.hpp"

#include <cstring>
#include <exception>

#include "check.hpp"

namespace vernier::conformance {

namespace {

// Guard cells around predict's output, filled with a NaN of a payload no computation produces.
constexpr std::size_t kGuardCells = 8;
constexpr uint64_t kSentinelBits = 0x7ff8dead5eedbeefULL;

double sentinel() {
  double v;
  std::memcpy(&v, &kSentinelBits, sizeof v);
  return v;
}

bool is_sentinel(double v) { return std::memcmp(&v, &kSentinelBits, sizeof v) == 0; }

std::string what_escaped(const char *call) {
  try {
    throw;
  } catch (const std::exception &e) {
    return std::string(call) + " threw a C++ exception across the C ABI: " + e.what();
  } catch (...) {
    return std::string(call) + " threw an exception of unknown type across the C ABI";
  }
}

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

ModelProbe::ModelProbe(const Component &component, const vn_host *host, Observations &seen, const std::string &config_json)
    : library_(component.library), seen_(seen), name_(component.descriptor->name) {
  Created c = create_raw(*component.descriptor, host, config_json);
  if (c.threw) {
    seen_.note(Observations::kException, c.message);
    fail(c.message + " (VN-ABI-5: every entry point is an exception firewall)");
  }
  if (c.status != VN_OK)
    fail("create(" + config_json + ") failed with " + status_name(c.status) + ": " +
         (c.message.empty() ? "(no message)" : c.message));
  if (c.self == nullptr || c.vtable == nullptr)
    fail("create returned VN_OK without storing an instance and a vtable (plugin.h: vn_component.create)");
  const auto *vtable = static_cast<const vn_model_vtable *>(c.vtable);
  if (vtable->struct_size < sizeof(vn_model_vtable))
    fail("vn_model_vtable.struct_size is " + std::to_string(vtable->struct_size) + ", smaller than the " +
         std::to_string(sizeof(vn_model_vtable)) + " bytes of ABI 1.0 (VN-ABI-2)");
  if (vtable->fit == nullptr || vtable->predict == nullptr || vtable->last_error == nullptr || vtable->destroy == nullptr) {
    if (vtable->destroy != nullptr) {
      try {
        vtable->destroy(c.self);
      } catch (...) {
        seen_.note(Observations::kException, what_escaped("destroy"));
      }
    }
    fail("vn_model_vtable: fit, predict, last_error and destroy must not be NULL (model.h)");
  }
  self_ = c.self;
  vtable_ = vtable;
}

ModelProbe::~ModelProbe() {
  if (self_ == nullptr) return;
  try {
    vtable_->destroy(self_);
  } catch (...) {
    seen_.note(Observations::kException, what_escaped("destroy"));
  }
}

std::string ModelProbe::Outcome::describe() const { return status_name(status) + (message.empty() ? "" : ": " + message); }

ModelProbe::Outcome ModelProbe::finish(vn_status status, const char *call, bool threw, const std::string &where) {
  Outcome o;
  o.status = status;
  if (threw) {
    o.message = what_escaped(call);
    seen_.note(Observations::kException, o.message);
    return o;
  }
  const char *message = nullptr;
  try {
    message = vtable_->last_error(self_);
  } catch (...) {
    seen_.note(Observations::kException, what_escaped("last_error"));
  }
  if (message == nullptr) {
    seen_.note(Observations::kNullLastError, "last_error() returned NULL after " + where);
  } else if (status != VN_OK) {
    o.message = message;
    if (o.message.empty())
      seen_.note(Observations::kFailureWithoutMessage, where + " returned " + status_name(status) + " and last_error() is empty");
  }
  return o;
}

ModelProbe::Outcome ModelProbe::fit(const OwnedDataset &data, const std::vector<uint64_t> &rows, const Space *space,
                                    const std::vector<double> &hparams, uint64_t seed) {
  static const Space kEmpty;
  const vn_space &view = (space != nullptr ? *space : kEmpty).view();
  const std::vector<double> before = snapshot(data, rows, hparams);
  vn_status status = VN_E_INTERNAL;
  bool threw = false;
  try {
    status = vtable_->fit(self_, &data.view(), rows.data(), rows.size(), &view, hparams.empty() ? nullptr : hparams.data(), seed);
  } catch (...) {
    threw = true;
  }
  const std::string where = name_ + ".fit(" + data.name() + ", " + std::to_string(rows.size()) + " rows)";
  if (!same_bits(snapshot(data, rows, hparams), before))
    seen_.note(Observations::kModifiedView, where + " wrote into the host-owned dataset, rows or hyperparameters");
  return finish(threw ? VN_E_INTERNAL : status, "fit", threw, where);
}

ModelProbe::Outcome ModelProbe::predict(const OwnedDataset &data, const std::vector<uint64_t> &rows, int64_t out_len) {
  const std::size_t cells = rows.size() * data.width();
  const uint64_t len = out_len < 0 ? cells : static_cast<uint64_t>(out_len);
  // The buffer holds `len` cells (what the plugin is told) between the guards.
  std::vector<double> buffer(len + 2 * kGuardCells, sentinel());
  const std::vector<double> before = snapshot(data, rows, {});
  vn_status status = VN_E_INTERNAL;
  bool threw = false;
  try {
    status = vtable_->predict(self_, &data.view(), rows.data(), rows.size(), buffer.data() + kGuardCells, len);
  } catch (...) {
    threw = true;
  }
  const std::string where = name_ + ".predict(" + data.name() + ", " + std::to_string(rows.size()) + " rows)";
  for (std::size_t i = 0; i < kGuardCells; ++i)
    if (!is_sentinel(buffer[i]) || !is_sentinel(buffer[kGuardCells + len + i])) {
      seen_.note(Observations::kOverrun, where + " wrote outside its output buffer of out_len = " + std::to_string(len));
      break;
    }
  if (!same_bits(snapshot(data, rows, {}), before))
    seen_.note(Observations::kModifiedView, where + " wrote into the host-owned dataset or rows");
  Outcome o = finish(threw ? VN_E_INTERNAL : status, "predict", threw, where);
  o.out.assign(buffer.begin() + kGuardCells, buffer.begin() + static_cast<std::ptrdiff_t>(kGuardCells + len));
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

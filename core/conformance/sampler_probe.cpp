#include "sampler_probe.hpp"

#include <algorithm>
#include <cstring>
#include <exception>

#include "check.hpp"
#include "sampler_fixtures.hpp"

namespace vernier::conformance {

namespace {

// Guard cells around the output buffer, filled with a NaN of a payload no computation produces, so a
// write before or after the count x n_params block is seen (VN-ABI-6: results go to caller-allocated
// buffers of the stated size).
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

std::string numbers_text(const std::vector<int64_t> &numbers) {
  std::string s;
  for (int64_t n : numbers) s += (s.empty() ? "" : ", ") + std::to_string(n);
  return (numbers.size() == 1 ? "trial " : "trials ") + s;
}

}  // namespace

std::string status_name(vn_status status) {
  static const char *const names[] = {"VN_OK",          "VN_E_INVALID", "VN_E_UNSUPPORTED", "VN_E_NUMERIC",
                                      "VN_E_EXHAUSTED", "VN_E_NOMEM",   "VN_E_INTERNAL",    "VN_E_NOT_FOUND",
                                      "VN_E_IO",        "VN_E_INCOMPATIBLE", "VN_E_STATE"};
  std::string name = status <= 0 && status >= -10 ? names[-status] : (status > 0 ? "a positive status" : "an unknown status");
  return name + " (" + std::to_string(status) + ")";
}

void Observations::note(Kind kind, const std::string &what) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++counts_[kind];
  std::vector<std::string> &list = lists_[kind];
  if (list.size() < 3 && std::find(list.begin(), list.end(), what) == list.end()) list.push_back(what);
}

std::vector<std::string> Observations::list(Kind kind) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out = lists_[kind];
  if (!out.empty() && counts_[kind] > out.size()) out.back() += " (" + std::to_string(counts_[kind]) + " calls in all)";
  return out;
}

Created create_raw(const vn_component &component, const vn_host *host, const std::string &config_json) {
  // Sentinels show whether create() stored anything when it failed.
  static int marker;
  Created c;
  void *self = &marker;
  const void *vtable = &marker;
  char err[1024];
  std::memset(err, 0, sizeof err);
  try {
    c.status = component.create(&component, host, config_json.c_str(), &self, &vtable, err, sizeof err);
  } catch (...) {
    c.threw = true;
    c.status = VN_E_INTERNAL;
    c.message = what_escaped("create");
    return c;
  }
  err[sizeof err - 1] = '\0';
  if (c.status != VN_OK) {
    c.message = err;
    c.stored_on_failure = self != &marker || vtable != &marker;
    return c;
  }
  c.self = self == &marker ? nullptr : self;
  c.vtable = vtable == &marker ? nullptr : vtable;
  return c;
}

SamplerProbe::SamplerProbe(const Component &component, const vn_host *host, Observations &seen,
                           const std::string &config_json)
    : library_(component.library), seen_(seen) {
  Created c = create_raw(*component.descriptor, host, config_json);
  if (c.threw) {
    seen_.note(Observations::kException, c.message);
    fail(c.message + " (VN-ABI-5: every entry point is an exception firewall)");
  }
  if (c.status != VN_OK)
    fail("create(" + config_json + ") failed with " + status_name(c.status) + ": " +
         (c.message.empty() ? "(no message)" : c.message));
  if (c.self == nullptr || c.vtable == nullptr) {
    // Without a vtable the instance cannot be destroyed: leaking it beats calling through NULL.
    fail("create returned VN_OK without storing an instance and a vtable (plugin.h: vn_component.create)");
  }
  const auto *vtable = static_cast<const vn_sampler_vtable *>(c.vtable);
  if (vtable->struct_size < sizeof(vn_sampler_vtable))
    fail("vn_sampler_vtable.struct_size is " + std::to_string(vtable->struct_size) + ", smaller than the " +
         std::to_string(sizeof(vn_sampler_vtable)) + " bytes of ABI 1.0 (VN-ABI-2)");
  if (vtable->suggest == nullptr || vtable->last_error == nullptr || vtable->destroy == nullptr) {
    if (vtable->destroy != nullptr) {  // free what can be freed: no destructor runs after a throwing constructor
      try {
        vtable->destroy(c.self);
      } catch (...) {
        seen_.note(Observations::kException, what_escaped("destroy"));
      }
    }
    fail("vn_sampler_vtable: suggest, last_error and destroy must not be NULL (sampler.h)");
  }
  self_ = c.self;
  vtable_ = vtable;
}

SamplerProbe::~SamplerProbe() {
  if (self_ == nullptr) return;
  try {
    vtable_->destroy(self_);
  } catch (...) {
    seen_.note(Observations::kException, what_escaped("destroy"));
  }
}

std::string SamplerProbe::Outcome::describe() const {
  return status_name(status) + (message.empty() ? "" : ": " + message);
}

SamplerProbe::Outcome SamplerProbe::suggest(const vn_space &space, const vn_history &history, uint64_t seed,
                                            const std::vector<int64_t> &numbers) {
  const std::size_t cells = numbers.size() * space.n_params;
  std::vector<double> buffer(cells + 2 * kGuardCells, sentinel());
  const std::string before = fingerprint(space, history);
  Outcome o;
  try {
    o.status = vtable_->suggest(self_, &space, &history, seed, numbers.data(), static_cast<uint32_t>(numbers.size()),
                                buffer.data() + kGuardCells);
  } catch (...) {
    o.threw = true;
    o.status = VN_E_INTERNAL;
    o.message = what_escaped("suggest");
    seen_.note(Observations::kException, o.message);
  }
  const std::string where = "suggest(" + numbers_text(numbers) + ", seed " + std::to_string(seed) + ")";
  for (std::size_t i = 0; i < kGuardCells; ++i)
    if (!is_sentinel(buffer[i]) || !is_sentinel(buffer[kGuardCells + cells + i])) {
      seen_.note(Observations::kOverrun, where + " wrote outside its count x n_params output buffer");
      break;
    }
  if (fingerprint(space, history) != before)
    seen_.note(Observations::kModifiedView, where + " wrote into the host-owned space or history");
  o.out.assign(buffer.begin() + kGuardCells, buffer.begin() + static_cast<std::ptrdiff_t>(kGuardCells + cells));
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

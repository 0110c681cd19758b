#include "conformance/probe_common.hpp"

#include <algorithm>
#include <cstring>
#include <exception>

namespace vernier::conformance {

namespace {
constexpr uint64_t kSentinelBits = 0x7ff8dead5eedbeefULL;
}  // namespace

double guard_sentinel() {
  double v;
  std::memcpy(&v, &kSentinelBits, sizeof v);
  return v;
}

bool is_guard_sentinel(double v) { return std::memcmp(&v, &kSentinelBits, sizeof v) == 0; }

std::string what_escaped(const char *call) {
  try {
    throw;
  } catch (const std::exception &e) {
    return std::string(call) + " threw a C++ exception across the C ABI: " + e.what();
  } catch (...) {
    return std::string(call) + " threw an exception of unknown type across the C ABI";
  }
}

void destroy_noting(void (*destroy)(void *), void *self, Observations &seen) {
  try {
    destroy(self);
  } catch (...) {
    seen.note(Observations::kException, what_escaped("destroy"));
  }
}

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

}  // namespace vernier::conformance

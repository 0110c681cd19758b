// What the opaque handles of vernier.h hold, and the firewall every C API function runs inside:
// exceptions become a vn_status plus the thread-local message of vn_last_error() (VN-ABI-5).
#ifndef VERNIER_CORE_C_API_HANDLES_HPP
#define VERNIER_CORE_C_API_HANDLES_HPP

#include <memory>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "plugin_host/registry.hpp"
#include "study/study.hpp"
#include "vernier/vernier.h"

struct vn_context {
  std::unique_ptr<vernier::Registry> registry;
};

struct vn_study {
  std::unique_ptr<vernier::Study> study;
};

struct vn_trial {
  vn_study *study = nullptr;
  int64_t number = -1;
  std::vector<double> params;
};

namespace vernier::capi {

// The calling thread's last error message.
std::string &last_error();

// Runs f inside the firewall; on success clears nothing (vn_last_error keeps the last failure).
template <class F>
vn_status call(F &&f) noexcept {
  std::string message;
  vn_status status = sdk::firewall(message, std::forward<F>(f));
  if (status != VN_OK) last_error() = message;
  return status;
}

// A heap copy of s for returning through char **, freed by vn_free.
char *duplicate(const std::string &s);
// v as JSON text in a malloc'ed copy. Every JSON the C API returns is written so: valid JSON, with
// infinities and NaN as the strings "inf", "-inf" and "nan" (docs/abi.md).
char *duplicate_json(const boost::json::value &v);

void require(bool condition, const char *message);  // throws VN_E_INVALID when !condition

}  // namespace vernier::capi

#endif  // VERNIER_CORE_C_API_HANDLES_HPP

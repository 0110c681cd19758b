// What the conformance probes of every kind share: calling a component's create() directly (create_raw,
// and create_checked against the contract of the kind's vtable), collecting
// what calls do at the ABI boundary (Observations, shared by every probe of a suite and its threads, and
// turned into checks at the end: observed_checks.hpp), the fill of output buffers, and the words
// for statuses and escaped exceptions.
#ifndef VERNIER_CORE_CONFORMANCE_PROBE_COMMON_HPP
#define VERNIER_CORE_CONFORMANCE_PROBE_COMMON_HPP

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "plugin_host/abi_sizes.hpp"
#include "plugin_host/registry.hpp"
#include "conformance/check_list.hpp"
#include "vernier/plugin/plugin.h"

namespace vernier::conformance {

// "VN_E_INVALID (-1)", ...
std::string status_name(vn_status status);

class Observations {
 public:
  enum Kind { kException, kNullLastError, kFailureWithoutMessage, kOverrun, kModifiedView, kKinds };
  void note(Kind kind, const std::string &what);  // [thread-safe]
  // The distinct notes of a kind (the first few), the last one followed by how many calls were affected
  // in all when that is more: "last_error() returned NULL after suggest(trial 0, seed 0) (60 calls in all)".
  std::vector<std::string> list(Kind kind) const;  // [thread-safe]

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lists_[kKinds];
  std::size_t counts_[kKinds] = {};
};

// The raw result of a component's create(), called directly so its status, message and behaviour on
// failure are visible. An exception escaping create() is caught and reported in `threw`.
struct Created {
  vn_status status = VN_E_INTERNAL;
  void *self = nullptr;
  const void *vtable = nullptr;
  std::string message;  // the plugin's err text, or what escaped it
  bool threw = false;
  bool stored_on_failure = false;  // create() failed but still wrote an instance or vtable (plugin.h)
};
Created create_raw(const vn_component &component, const vn_host *host, const std::string &config_json);

// What the cells of an output buffer hold before a call (guarded_buffer.hpp): a NaN of a payload no
// computation produces, so a cell the plugin left unwritten is told apart from any result.
double guard_sentinel();
bool is_guard_sentinel(double v);

// Inside a catch block: what escaped `call`, for Observations::kException and messages.
std::string what_escaped(const char *call);

// Calls destroy, noting an exception that escapes it instead of letting it through.
void destroy_noting(void (*destroy)(void *), void *self, Observations &seen);

// create(config_json) through the component, then the checks every kind makes of the result: no
// exception (noted), VN_OK, an instance and a vtable, a vtable of at least its kind's ABI 1.0 size,
// and its required functions set (else contract.required is the message; the instance is destroyed
// first when it can be). Throws Failure.
template <class Vtable>
std::pair<void *, const Vtable *> create_checked(const Component &component, const vn_host *host, Observations &seen,
                                                 const std::string &config_json, const VtableContract<Vtable> &contract) {
  Created c = create_raw(*component.descriptor, host, config_json);
  if (c.threw) {
    seen.note(Observations::kException, c.message);
    fail(c.message + " (VN-ABI-5: every entry point is an exception firewall)");
  }
  if (c.status != VN_OK)
    fail("create(" + config_json + ") failed with " + status_name(c.status) + ": " +
         (c.message.empty() ? "(no message)" : c.message));
  // Without a vtable the instance cannot be destroyed: leaking it beats calling through NULL.
  if (c.self == nullptr || c.vtable == nullptr)
    fail("create returned VN_OK without storing an instance and a vtable (plugin.h: vn_component.create)");
  const auto *vtable = static_cast<const Vtable *>(c.vtable);
  // Too small to hold destroy: the instance is leaked rather than destroyed through a member it lacks.
  if (vtable->struct_size < abi_1_0::vtable_size<Vtable>())
    fail(std::string(contract.name) + ".struct_size is " + std::to_string(vtable->struct_size) + ", smaller than the " +
         std::to_string(abi_1_0::vtable_size<Vtable>()) + " bytes of ABI 1.0 (VN-ABI-2)");
  if (!contract.complete(*vtable)) {
    if (vtable->destroy != nullptr) destroy_noting(vtable->destroy, c.self, seen);
    fail(std::string(contract.name) + ": " + contract.members + " must not be NULL (" + contract.header + ")");
  }
  return {c.self, vtable};
}

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_PROBE_COMMON_HPP

// The base every kind's probe builds on. A probe is one plugin instance driven by a conformance suite
// directly through its C vtable. Unlike the handles that serve studies (which stop at the first
// problem), a probe observes everything a call does at the ABI boundary and keeps going: exceptions
// escaping the plugin (VN-ABI-5), a NULL last_error or a failure without a message (VN-ABI-5), writes
// outside the caller's output buffer and into the host-owned views (VN-ABI-6). These are collected in
// Observations, shared by every probe of a suite (and its threads), and turned into checks at the end
// (observed_checks.hpp). A kind's probe adds one method per vtable call, each ending in finish().
#ifndef VERNIER_CORE_CONFORMANCE_PROBE_BASE_HPP
#define VERNIER_CORE_CONFORMANCE_PROBE_BASE_HPP

#include <memory>
#include <string>
#include <tuple>

#include "conformance/probe_common.hpp"

namespace vernier::conformance {

// What every call of a probe returns; a kind's Outcome adds what its call writes.
struct CallOutcome {
  vn_status status = VN_E_INTERNAL;
  std::string message;  // last_error() after a failure, or what escaped the call
  bool ok() const { return status == VN_OK; }
  // "VN_E_INVALID (-1): message"
  std::string describe() const { return status_name(status) + (message.empty() ? "" : ": " + message); }
};

// The outcome of a call that must succeed: o itself, or the check fails with `failure` and what o says.
template <class Outcome>
Outcome require_ok(Outcome o, const std::string &failure) {
  if (!o.ok()) fail(failure + o.describe());
  return o;
}

// A kind's probe derives from ProbeBase<its vtable, the contract of its vtable> and inherits its constructor.
template <class VtableT, const VtableContract<VtableT> &kVtableContract>
class ProbeBase {
 public:
  using Vtable = VtableT;
  static constexpr const VtableContract<VtableT> &kContract = kVtableContract;

  // Creates an instance from config_json; throws Failure saying what broke (a refused config, an
  // exception, a missing instance or vtable, a too-small vtable, a NULL function).
  ProbeBase(const Component &component, const vn_host *host, Observations &seen, const std::string &config_json = "{}")
      : library_(component.library), seen_(seen), name_(component.descriptor->name) {
    std::tie(self_, vtable_) = create_checked(component, host, seen_, config_json, kContract);
  }
  ~ProbeBase() {
    if (self_ != nullptr) destroy_noting(vtable_->destroy, self_, seen_);
  }
  ProbeBase(const ProbeBase &) = delete;
  ProbeBase &operator=(const ProbeBase &) = delete;

 protected:
  // Inside the catch block of a call that threw: the outcome says what escaped `call`, and it is noted.
  void escaped(CallOutcome &o, const char *call) {
    o.status = VN_E_INTERNAL;
    o.message = what_escaped(call);
    seen_.note(Observations::kException, o.message);
  }

  // After a call `where` returned o.status: reads last_error() into o.message on failure, noting a NULL
  // last_error, and an empty message unless the status is `silent` (a status that needs no explanation).
  void finish(CallOutcome &o, const std::string &where, vn_status silent = VN_OK) {
    const char *message = nullptr;
    try {
      message = vtable_->last_error(self_);
    } catch (...) {
      seen_.note(Observations::kException, what_escaped("last_error"));  // and, having no text, as NULL below
    }
    if (message == nullptr) {
      seen_.note(Observations::kNullLastError, "last_error() returned NULL after " + where);
    } else if (o.status != VN_OK) {
      o.message = message;
      if (o.status != silent && o.message.empty())
        seen_.note(Observations::kFailureWithoutMessage,
                   where + " returned " + status_name(o.status) + " and last_error() is empty");
    }
  }

  void *self_ = nullptr;
  const Vtable *vtable_ = nullptr;
  std::shared_ptr<LoadedLibrary> library_;  // keeps the code of destroy() loaded until it has run
  Observations &seen_;
  std::string name_;  // the component's, for messages
};

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_PROBE_BASE_HPP

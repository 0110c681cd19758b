// Checks, and parts of checks, that several kinds' suites make the same way: the refusal of an unknown
// option (every kind, run by the frame), a host without extensions, the option values worth varying,
// and two instances used from two threads at once.
#ifndef VERNIER_CORE_CONFORMANCE_SHARED_CHECKS_HPP
#define VERNIER_CORE_CONFORMANCE_SHARED_CHECKS_HPP

#include <atomic>
#include <cstddef>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "plugin_host/abi_sizes.hpp"
#include "plugin_host/registry.hpp"
#include "conformance/probe_common.hpp"
#include "conformance/recording_host.hpp"

namespace vernier::conformance {

// create() refuses an unknown option: VN_E_INVALID, a message naming the option, nothing stored
// (VN-ABI-3). Returns the refusal's message.
template <class Vtable>
std::string check_unknown_option_refused(const Component &component, const vn_host *host, Observations &seen) {
  static constexpr const char *kUnknownOption = "vernier_conformance_no_such_option";
  Created c = create_raw(*component.descriptor, host, std::string("{\"") + kUnknownOption + "\": 1}");
  if (c.threw) {
    seen.note(Observations::kException, c.message);
    fail(c.message);
  }
  if (c.status == VN_OK) {
    const auto *vt = static_cast<const Vtable *>(c.vtable);
    if (c.self != nullptr && vt != nullptr && vt->struct_size >= abi_1_0::vtable_size<Vtable>() && vt->destroy != nullptr)
      destroy_noting(vt->destroy, c.self, seen);
    fail(std::string("create accepted the unknown option \"") + kUnknownOption + "\"; a misspelt option must be an error");
  }
  if (c.message.empty()) fail("create refused it with " + status_name(c.status) + " but wrote no message into err");
  if (c.status != VN_E_INVALID) fail("refused with " + status_name(c.status) + " instead of VN_E_INVALID: " + c.message);
  if (c.message.find(kUnknownOption) == std::string::npos)
    fail("the message does not name the unknown option: \"" + c.message + "\"");
  if (c.stored_on_failure) fail("create failed but still stored an instance or a vtable (plugin.h: it stores nothing)");
  return "refused: " + c.message;
}

// A host without extensions (VN-ABI-9) is either served or refused cleanly: create() through a bare
// host either fails with a message or gives an instance; then a probe on that host goes through
// exercise(probe), which fails the check as any check does, and the host must have seen no misuse.
template <class Fixture, class Exercise>
std::string check_minimal_host(Fixture &s, Exercise exercise) {
  using Probe = typename Fixture::Probe;
  using Vtable = typename Probe::Vtable;
  RecordingHost bare(s.registry, false);
  Created c = create_raw(*s.component.descriptor, bare.host(), "{}");
  if (c.threw) {
    s.seen.note(Observations::kException, c.message);
    fail(c.message);
  }
  if (c.status != VN_OK) {
    if (c.message.empty()) fail("create failed with " + status_name(c.status) + " and no message");
    return "create refuses to run without host extensions, cleanly: " + c.message;
  }
  const auto *vt = static_cast<const Vtable *>(c.vtable);
  if (vt != nullptr && vt->struct_size >= abi_1_0::vtable_size<Vtable>() && vt->destroy != nullptr && c.self != nullptr)
    vt->destroy(c.self);
  Probe p(s.component, bare.host(), s.seen);
  exercise(p);
  for (const std::string &problem : bare.problems()) fail(problem);
  return "works with a host that offers no extensions";
}

// Option sets worth exercising: each declared bool option flipped, and (with kBoolsAndChoices) each value
// of an option with "choices" other than its default, one at a time, at most `max`: the code paths
// behind non-default options must keep the contract too.
enum class Vary { kBools, kBoolsAndChoices };
std::vector<std::string> option_variants(const Component &component, Vary vary, std::size_t max);

// Runs work(k) for k = 0 and 1 in two threads that start together (as two studies' workers would),
// then, thread by thread, fails with "thread <k + first_number>: <what>" when work threw, or hands its
// result to compare(k, result), which fails the check when it differs from the serial one.
template <class Result, class Work, class Compare>
void in_two_threads(Work work, Compare compare, int first_number = 1) {
  std::atomic<int> ready{0};
  Result results[2];
  std::string errors[2];
  auto worker = [&](int k) {
    ready.fetch_add(1);
    while (ready.load() < 2) std::this_thread::yield();  // both start (and create) together
    try {
      results[k] = work(k);
    } catch (const std::exception &e) {
      errors[k] = e.what();
    } catch (...) {
      errors[k] = "unknown exception";
    }
  };
  std::thread first(worker, 0), second(worker, 1);
  first.join();
  second.join();
  for (int k = 0; k < 2; ++k) {
    if (!errors[k].empty()) fail("thread " + std::to_string(k + first_number) + ": " + errors[k]);
    compare(k, results[k]);
  }
}

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_SHARED_CHECKS_HPP

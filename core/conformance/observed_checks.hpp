// The checks every kind's conformance suite ends with: verdicts over everything its probes observed
// during the whole run (VN-ABI-5 messages and firewall, VN-ABI-6 buffers, VN-ABI-9 host services).
#ifndef VERNIER_CORE_CONFORMANCE_OBSERVED_CHECKS_HPP
#define VERNIER_CORE_CONFORMANCE_OBSERVED_CHECKS_HPP

#include <string>
#include <vector>

#include "conformance/check_list.hpp"
#include "conformance/recording_host.hpp"
#include "conformance/probe_common.hpp"

namespace vernier::conformance {

// The items joined by a separator, for messages.
std::string joined(const std::vector<std::string> &items, const char *separator = "; ");

// What the kind's firewall and buffers checks say they cover, in its own words.
struct ObservedScope {
  const char *kind;      // "sampler", ...: the checks are named "<kind>.last_error", ...
  const char *calls;     // "create, suggest, last_error or destroy"
  const char *buffers;   // "suggest writes only its count x n_params output and ..."
};

void add_observed_checks(CheckList &list, const ObservedScope &scope, const Observations &seen,
                         const RecordingHost &host);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_OBSERVED_CHECKS_HPP

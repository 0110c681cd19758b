#include "conformance/observed_checks.hpp"

namespace vernier::conformance {

std::string joined(const std::vector<std::string> &items, const char *separator) {
  std::string s;
  for (const std::string &item : items) s += (s.empty() ? "" : separator) + item;
  return s;
}

void add_observed_checks(CheckList &list, const ObservedScope &scope, const Observations &seen,
                         const RecordingHost &host) {
  const std::string kind = scope.kind;
  list.run(kind + ".last_error", "VN-ABI-5", "last_error() never returns NULL, and explains every failed call", [&] {
    std::vector<std::string> problems = seen.list(Observations::kNullLastError);
    for (const std::string &p : seen.list(Observations::kFailureWithoutMessage)) problems.push_back(p);
    if (!problems.empty()) fail(joined(problems));
    return std::string();
  });
  list.run(kind + ".firewall", "VN-ABI-5", std::string("no C++ exception escapes ") + scope.calls, [&] {
    if (auto e = seen.list(Observations::kException); !e.empty()) fail(joined(e));
    return std::string();
  });
  list.run(kind + ".buffers", "VN-ABI-6", scope.buffers, [&] {
    std::vector<std::string> problems = seen.list(Observations::kOverrun);
    for (const std::string &p : seen.list(Observations::kModifiedView)) problems.push_back(p);
    if (!problems.empty()) fail(joined(problems));
    return std::string();
  });
  list.run(kind + ".host_services", "VN-ABI-9",
           "the host struct is used as documented: log texts are non-NULL UTF-8", [&] {
             if (auto p = host.problems(); !p.empty()) fail(joined(p));
             std::vector<std::string> asked = host.extensions_asked();
             return std::to_string(host.log_lines()) + " log lines" +
                    (asked.empty() ? std::string() : "; extensions asked for: " + joined(asked));
           });
  list.run(kind + ".log_severity", "VN-ABI-9",
           "log severities are VN_LOG_DEBUG..VN_LOG_ERROR (warning: a later minor may append severities, which "
           "this host logs as the nearest one it knows)", [&] {
             if (auto n = host.notices(); !n.empty()) fail(joined(n));
             return std::string();
           }, true);
}

}  // namespace vernier::conformance

// The vn_host the conformance suites hand to plugins (VN-ABI-9). It records instead of printing: every
// log call is checked (non-NULL UTF-8 text: a problem; a severity outside VN_LOG_DEBUG..VN_LOG_ERROR: a
// notice only, since later minors may append severities) and kept out of the user's terminal, and
// every extension a plugin asks for is noted. With extensions on, "vn.registry/1" is the registry's own,
// wrapped so that it works with this host; with them off, get_extension returns NULL for everything, as a
// host without extensions may.
#ifndef VERNIER_CORE_CONFORMANCE_RECORDING_HOST_HPP
#define VERNIER_CORE_CONFORMANCE_RECORDING_HOST_HPP

#include <mutex>
#include <string>
#include <vector>

#include "plugin_host/registry.hpp"
#include "vernier/plugin/plugin.h"

namespace vernier::conformance {

class RecordingHost {
 public:
  RecordingHost(const Registry &registry, bool with_extensions);
  RecordingHost(const RecordingHost &) = delete;
  RecordingHost &operator=(const RecordingHost &) = delete;

  // Valid as long as this object; give it to create().
  const vn_host *host() const { return &host_; }

  std::vector<std::string> problems() const;          // misuses of the host struct, one sentence each
  // Uses this host does not know but a later ABI minor may define (a log severity above VN_LOG_ERROR),
  // or odd but harmless ones: for a warning-level check, one sentence each.
  std::vector<std::string> notices() const;
  std::vector<std::string> extensions_asked() const;  // ids passed to get_extension, in first-asked order
  std::size_t log_lines() const;

  // The registry behind a host made by this class, or NULL when `host` is not one of ours.
  static const Registry *registry_of(const vn_host *host);

 private:
  static void log(const vn_host *host, int32_t severity, const char *utf8);
  static const void *get_extension(const vn_host *host, const char *id);
  static RecordingHost *of(const vn_host *host);
  void problem(const std::string &what);
  void notice(const std::string &what);

  const Registry &registry_;
  bool with_extensions_;
  vn_host host_{};
  mutable std::mutex mutex_;
  std::vector<std::string> problems_, notices_, extensions_;
  std::size_t log_lines_ = 0;
};

// Whether text is well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool valid_utf8(const std::string &text);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_RECORDING_HOST_HPP

// `vernier check` and vn_check_plugin: the orchestrator on top of the conformance frame. It runs the
// library checks (library_checks.hpp), loads the library into a registry of its own, and runs on each
// component the suite of its kind (kind_suites.hpp), all in child processes (isolation.hpp).
#ifndef VERNIER_CORE_CONFORMANCE_CHECK_HPP
#define VERNIER_CORE_CONFORMANCE_CHECK_HPP

#include <string>

#include <boost/json.hpp>

#include "conformance/check_list.hpp"

namespace vernier::conformance {

// Checks the plugin library at `path` (see vn_check_plugin in vernier.h for the report's shape):
//   {"path", "passed", "checks": [...], "components": [{"kind", "name", "passed", "checks": [...]}...]}
// The library is loaded only in child processes (isolation.hpp), so nothing the caller has loaded
// changes, and a plugin that crashes fails the check it crashed in (the signal named) instead of taking
// the caller down; output buffers are guarded by inaccessible pages (guarded_buffer.hpp).
// Throws an Error only when no child process can be started.
boost::json::object check_plugin_library(const std::string &path);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_CHECK_HPP

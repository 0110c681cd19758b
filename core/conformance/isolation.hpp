// Crash isolation for `vernier check`: the checks of a plugin library run in a forked child process, so a
// plugin that segfaults, aborts or exits fails the check it was in, with the signal (or the sanitizer's
// report, or the exit status) named, and never takes the checker down. The child streams each check to
// the parent as it ends (CheckHooks); when it dies in the middle of a check, that check is recorded as
// failed with the cause, and a fresh child runs everything again, recording each check that crashed
// earlier as failed instead of running it. The report therefore lists every check, as an in-process run
// would, and each crash once. A crash outside every check (say while the library is unloaded) fails the
// extra library check "library.process".
//
// The child also installs the guard page handler (guarded_buffer.hpp), so an output buffer overrun is a
// failed <kind>.buffers check rather than a crash. Its stderr is captured (to read a sanitizer's report)
// and then copied to the caller's stderr.
#ifndef VERNIER_CORE_CONFORMANCE_ISOLATION_HPP
#define VERNIER_CORE_CONFORMANCE_ISOLATION_HPP

#include <functional>
#include <string>

#include <boost/json.hpp>

namespace vernier::conformance {

// Runs `checks` in child processes as above and returns the report of vn_check_plugin for `path`.
// Throws an Error when no child process can be started.
boost::json::object run_isolated(const std::string &path, const std::function<void()> &checks);

// "killed by SIGSEGV (Segmentation fault)", "exited with status 3": how a child process ended.
std::string describe_wait_status(int status);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_ISOLATION_HPP

#include "conformance/isolation.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <vector>

#include "base/error.hpp"
#include "conformance/check_list.hpp"
#include "conformance/guarded_buffer.hpp"

namespace vernier::conformance {

namespace {

namespace bj = boost::json;

// More crashes than any suite has checks: a child that keeps dying anyway is reported as it stands.
constexpr std::size_t kMaxCrashes = 200;

void write_all(int fd, const std::string &text) {
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the parent is gone: nobody to tell
    done += static_cast<std::size_t>(n);
  }
}

// The child's side: every check as one JSON line on the pipe, as it starts and as it ends. Checks are
// keyed by their component, id and occurrence, so the same key names the same check in every child.
class StreamingHooks : public CheckHooks {
 public:
  StreamingHooks(int fd, const std::map<std::string, std::string> &crashes) : fd_(fd), crashes_(crashes) {}
  const std::string *begin(const std::string &id) override {
    const std::string key = scope_ + "/" + id;
    const std::string occurrence = key + "#" + std::to_string(++occurrences_[key]);
    if (auto it = crashes_.find(occurrence); it != crashes_.end()) return &it->second;
    send(bj::object{{"begin", occurrence}});
    return nullptr;
  }
  void record(const Check &check) override { send(bj::object{{"check", to_json(check)}}); }
  void enter_component(const char *kind, const char *name) override {
    scope_ = "component " + std::to_string(++components_);
    send(bj::object{{"component", bj::object{{"kind", kind}, {"name", name}}}});
  }
  void done() { send(bj::object{{"done", true}}); }

 private:
  void send(const bj::object &event) { write_all(fd_, bj::serialize(event) + "\n"); }
  int fd_;
  const std::map<std::string, std::string> &crashes_;
  std::string scope_ = "library";
  int components_ = 0;
  std::map<std::string, int> occurrences_;
};

// Signals a plugin can die of get a fixed name (strsignal's words vary with the C library and locale).
std::string signal_name(int signal) {
  switch (signal) {
    case SIGSEGV: return "SIGSEGV (segmentation fault)";
    case SIGABRT: return "SIGABRT (aborted)";
    case SIGBUS: return "SIGBUS (bus error)";
    case SIGFPE: return "SIGFPE (arithmetic exception)";
    case SIGILL: return "SIGILL (illegal instruction)";
    case SIGTRAP: return "SIGTRAP (trap)";
    case SIGKILL: return "SIGKILL (killed)";
    case SIGTERM: return "SIGTERM (terminated)";
    case SIGPIPE: return "SIGPIPE (broken pipe)";
    case SIGSYS: return "SIGSYS (bad system call)";
  }
  return "signal " + std::to_string(signal);
}

// The first line of a sanitizer's report in the child's stderr ("ERROR: AddressSanitizer: SEGV on
// unknown address ..."), or "".
std::string sanitizer_line(const std::string &text) {
  for (const char *marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:", "ERROR: ThreadSanitizer"}) {
    const std::size_t at = text.find(marker);
    if (at == std::string::npos) continue;
    const std::size_t start = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
    std::string line = text.substr(start, text.find('\n', at) - start);
    if (line.size() > 240) line = line.substr(0, 240) + "...";
    return line;
  }
  return "";
}

struct ChildRun {
  std::vector<bj::object> events;
  bool waited = false;
  int status = 0;
  std::string stderr_text;
};

[[noreturn]] void run_child(int events_fd, int stderr_fd, const std::function<void()> &checks,
                            const std::map<std::string, std::string> &crashes) {
  ::dup2(stderr_fd, 2);
  // Whatever handlers the host installed (a test framework's, a sanitizer's) are not ours to run on a
  // plugin's crash: the default action ends the child with the signal, which the parent names.
  for (int signal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP}) ::signal(signal, SIG_DFL);
  install_guard_page_handler();
  StreamingHooks hooks(events_fd, crashes);
  set_check_hooks(&hooks);
  int code = 0;
  try {
    checks();
    hooks.done();
  } catch (const std::exception &e) {
    std::fprintf(stderr, "vernier: error: the conformance checks stopped: %s\n", e.what());
    code = 3;
  } catch (...) {
    code = 3;
  }
  std::fflush(nullptr);
  ::_exit(code);  // no atexit handlers, no static destructors: they belong to the parent
}

ChildRun run_once(const std::function<void()> &checks, const std::map<std::string, std::string> &crashes) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw Error(VN_E_INTERNAL, std::string("cannot create a pipe for the conformance child: ") + std::strerror(errno));
  std::FILE *errors = std::tmpfile();
  if (errors == nullptr) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw Error(VN_E_INTERNAL, std::string("cannot create a file for the conformance child's stderr: ") + std::strerror(errno));
  }
  std::fflush(nullptr);  // or the child would write the parent's buffered output a second time
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    std::fclose(errors);
    throw Error(VN_E_INTERNAL, std::string("cannot start the conformance child process: ") + std::strerror(error));
  }
  if (pid == 0) {
    ::close(fds[0]);
    run_child(fds[1], ::fileno(errors), checks, crashes);
  }
  ::close(fds[1]);
  ChildRun run;
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  pid_t waited;
  do waited = ::waitpid(pid, &run.status, 0);
  while (waited < 0 && errno == EINTR);
  run.waited = waited == pid;  // not when the host ignores SIGCHLD: the child was reaped for us
  std::rewind(errors);
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, errors)) > 0;) run.stderr_text.append(buffer, n);
  std::fclose(errors);
  // Only whole lines: a child killed mid-write leaves a torn last one.
  for (std::size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    boost::system::error_code ec;
    bj::value event = bj::parse(std::string_view(text).substr(start, end - start), ec);
    if (!ec && event.is_object()) run.events.push_back(std::move(event.as_object()));
  }
  return run;
}

bool list_passed(const bj::array &checks) {
  for (const bj::value &c : checks)
    if (!c.at("passed").as_bool() && c.at("level").as_string() != "warning") return false;
  return true;
}

// The report of one child's events; `open` is the check under way when they stopped ("" if none).
struct Assembled {
  bj::array library;
  std::vector<std::pair<bj::object, bj::array>> components;  // {kind, name}, checks
  std::string open;
  bool done = false;

  explicit Assembled(const std::vector<bj::object> &events) {
    for (const bj::object &e : events) {
      if (const bj::value *key = e.if_contains("begin")) {
        open = key->as_string().c_str();
      } else if (const bj::value *check = e.if_contains("check")) {
        (components.empty() ? library : components.back().second).push_back(*check);
        open.clear();
      } else if (const bj::value *component = e.if_contains("component")) {
        components.emplace_back(component->as_object(), bj::array{});
      } else if (e.contains("done")) {
        done = true;
      }
    }
  }

  bj::object report(const std::string &path) const {
    bool passed = list_passed(library);
    bj::array reports;
    for (const auto &[component, checks] : components) {
      const bool ok = list_passed(checks);
      passed = passed && ok;
      reports.push_back(bj::object{{"kind", component.at("kind")}, {"name", component.at("name")}, {"passed", ok}, {"checks", checks}});
    }
    return bj::object{{"path", path}, {"passed", passed}, {"checks", library}, {"components", std::move(reports)}};
  }
};

std::string how_it_ended(const ChildRun &run) {
  std::string how = run.waited ? describe_wait_status(run.status) : "ended, how is unknown (SIGCHLD is ignored)";
  const std::string sanitizer = sanitizer_line(run.stderr_text);
  return sanitizer.empty() ? how : how + ", after the sanitizer reported: " + sanitizer;
}

}  // namespace

std::string describe_wait_status(int status) {
  if (WIFSIGNALED(status)) return "killed by " + signal_name(WTERMSIG(status));
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  return "stopped with wait status " + std::to_string(status);
}

bj::object run_isolated(const std::string &path, const std::function<void()> &checks) {
  std::map<std::string, std::string> crashes;  // check key -> the failure recorded instead of running it
  for (;;) {
    ChildRun run = run_once(checks, crashes);
    Assembled assembled(run.events);
    if (assembled.done) {
      std::fputs(run.stderr_text.c_str(), stderr);  // what the plugin and the host logged, as in-process
      return assembled.report(path);
    }
    const std::string how = how_it_ended(run);
    if (!assembled.open.empty() && crashes.size() < kMaxCrashes) {
      crashes[assembled.open] = "the plugin crashed the process running this check: " + how;
      continue;
    }
    std::fputs(run.stderr_text.c_str(), stderr);
    Check ended{"library.process", "VN-ABI-5", "the checks run to their end without the process dying", false,
                (assembled.open.empty() ? "the checking process died outside any check (after the last one, or while "
                                          "the library was loaded or unloaded): "
                                        : "the checking process kept dying: ") + how,
                false};
    assembled.library.push_back(to_json(ended));
    return assembled.report(path);
  }
}

}  // namespace vernier::conformance

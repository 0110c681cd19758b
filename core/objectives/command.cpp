#include "objectives/command.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "base/error.hpp"
#include "base/number_text.hpp"
#include "base/interrupt.hpp"

extern char **environ;

namespace vernier {

namespace bj = boost::json;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// Without pidfd_open (Linux < 5.3), how often the loop checks whether the program has exited.
constexpr int kPollSliceMs = 20;
// The longest wait between two looks at vn_interrupt() requests.
constexpr int kInterruptSliceMs = 250;
// Longest line kept of the program's output: a score is short, anything longer is not one.
constexpr std::size_t kMaxLine = 4096;
// After the program exits, at most this much more output is read (from what it left in the pipe).
constexpr std::size_t kMaxDrain = std::size_t(1) << 20;
// Timeouts from here on (about 30 years) mean none: the deadline would overflow the clock.
constexpr double kMaxTimeout = 1e9;

std::string system_message(int err) { return std::strerror(err); }  // glibc's strerror is thread-safe

// ---------------------------------------------------------------------------------------------------
// Configuration.

enum class PassMode { Args, Json };

struct CommandConfig {
  std::vector<std::string> command;  // as written; command[0] is the program's name as written
  std::string program;               // absolute path of the executable found at construction
  PassMode pass = PassMode::Args;    // how the parameters reach the program
  double timeout = 0.0;              // seconds; 0: none
  std::string cwd;                   // absolute; empty: inherit ours
};

std::vector<std::string> split_whitespace(const std::string &s) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

bool is_executable_file(const fs::path &p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

fs::path base_path(const std::string &base_dir) {
  return fs::absolute(base_dir.empty() ? fs::path(".") : fs::path(base_dir)).lexically_normal();
}

std::string find_program(const std::string &name, const std::string &base_dir) {
  std::string quoted = "objective program '" + name + "' not found";
  if (name.find('/') != std::string::npos) {
    fs::path p(name);
    if (p.is_relative()) p = base_path(base_dir) / p;
    p = p.lexically_normal();
    std::error_code ec;
    if (!fs::exists(p, ec)) throw not_found(quoted + ": " + p.string() + " does not exist");
    if (!is_executable_file(p)) throw not_found(quoted + ": " + p.string() + " is not an executable file");
    return p.string();
  }
  const char *path_env = std::getenv("PATH");
  std::string path = path_env != nullptr ? path_env : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (true) {
    std::size_t end = path.find(':', start);
    std::string dir = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
    if (is_executable_file(candidate)) return fs::absolute(candidate).lexically_normal().string();
    if (end == std::string::npos) break;
    start = end + 1;
  }
  throw not_found(quoted + " in PATH (" + path + ")");
}

CommandConfig parse_config(const bj::object &config, const std::string &base_dir) {
  CommandConfig c;
  const bj::value *command = config.if_contains("command");
  if (command == nullptr || command->is_null())
    throw invalid_argument(
        "objective.command: missing; give the program and its fixed arguments, "
        "e.g. [\"python3\", \"train.py\"]");
  if (command->is_string()) {
    c.command = split_whitespace(std::string(command->as_string()));
  } else if (command->is_array()) {
    for (const bj::value &word : command->as_array()) {
      if (!word.is_string())
        throw invalid_argument("objective.command: every element must be a string, got " + bj::serialize(word));
      c.command.emplace_back(word.as_string());
    }
  } else {
    throw invalid_argument("objective.command: expected an array of strings or a string, got " +
                           bj::serialize(*command));
  }
  if (c.command.empty() || c.command[0].empty()) throw invalid_argument("objective.command: names no program");

  if (const bj::value *pass = config.if_contains("pass"); pass != nullptr && !pass->is_null()) {
    if (pass->is_string() && pass->as_string() == "args") {
      c.pass = PassMode::Args;
    } else if (pass->is_string() && pass->as_string() == "json") {
      c.pass = PassMode::Json;
    } else {
      throw invalid_argument("objective.pass: expected \"args\" or \"json\", got " + bj::serialize(*pass));
    }
  }

  if (const bj::value *timeout = config.if_contains("timeout"); timeout != nullptr && !timeout->is_null()) {
    if (!timeout->is_number() || !std::isfinite(timeout->to_number<double>()) || timeout->to_number<double>() < 0)
      throw invalid_argument("objective.timeout: expected a number of seconds >= 0 (0: no limit), got " +
                             bj::serialize(*timeout));
    c.timeout = timeout->to_number<double>();
  }

  if (const bj::value *cwd = config.if_contains("cwd"); cwd != nullptr && !cwd->is_null()) {
    if (!cwd->is_string() || cwd->as_string().empty())
      throw invalid_argument("objective.cwd: expected a directory name, got " + bj::serialize(*cwd));
    fs::path p(std::string(cwd->as_string()));
    if (p.is_relative()) p = base_path(base_dir) / p;
    c.cwd = p.lexically_normal().string();
    std::error_code ec;
    if (!fs::is_directory(c.cwd, ec))
      throw not_found("objective.cwd: '" + std::string(cwd->as_string()) + "' is not a directory (" + c.cwd + ")");
  } else if (!base_dir.empty()) {
    c.cwd = base_path(base_dir).string();
  }

  c.program = find_program(c.command[0], base_dir);
  return c;
}

// ---------------------------------------------------------------------------------------------------
// Processes and file descriptors.

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd &&other) noexcept : fd_(other.release()) {}
  Fd &operator=(Fd &&other) noexcept {
    if (this != &other) reset(other.release());
    return *this;
  }
  Fd(const Fd &) = delete;
  Fd &operator=(const Fd &) = delete;
  ~Fd() { reset(); }

  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  int release() { return std::exchange(fd_, -1); }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);  // never retried on EINTR: on Linux the descriptor is closed regardless
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

[[noreturn]] void throw_system(const std::string &what, int err = errno) {
  throw Error(VN_E_IO, what + ": " + system_message(err));
}

// A close-on-exec pipe whose descriptors are >= 3, so that the child's dup2 onto 0, 1 never clobbers
// one of them even when the host runs with stdin or stdout closed.
void make_pipe(Fd &read_end, Fd &write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw_system("could not create a pipe");
  Fd r(fds[0]), w(fds[1]);
  for (Fd *fd : {&r, &w}) {
    if (fd->get() >= 3) continue;
    int moved = ::fcntl(fd->get(), F_DUPFD_CLOEXEC, 3);
    if (moved < 0) throw_system("could not create a pipe");
    fd->reset(moved);
  }
  read_end = std::move(r);
  write_end = std::move(w);
}

void set_nonblocking(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) throw_system("could not set up a pipe");
}

// write() that turns a closed pipe into EPIPE without a SIGPIPE to the whole process: SIGPIPE is blocked
// in this thread for the call, and one it raises is consumed before unblocking.
ssize_t write_no_sigpipe(int fd, const char *data, std::size_t size) {
  sigset_t pipe_set, old_set, pending;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
  sigpending(&pending);
  bool was_pending = sigismember(&pending, SIGPIPE) == 1;
  ssize_t n;
  do n = ::write(fd, data, size);
  while (n < 0 && errno == EINTR);
  int saved = errno;
  if (n < 0 && saved == EPIPE && !was_pending) {
    const timespec zero{0, 0};
    while (sigtimedwait(&pipe_set, nullptr, &zero) < 0 && errno == EINTR) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &old_set, nullptr);
  errno = saved;
  return n;
}

// The child process, killed (with its process group) and reaped by the destructor if still there, so
// that no path out of evaluate() leaves a zombie or a running program behind.
class Child {
 public:
  explicit Child(pid_t pid) : pid_(pid) {}
  Child(const Child &) = delete;
  Child &operator=(const Child &) = delete;
  ~Child() {
    if (!reaped_) {
      kill_group();
      reap();
    }
  }

  pid_t pid() const { return pid_; }

  // Whether the child has terminated, without reaping it: while it is a zombie its pid, and so its
  // process group id, cannot be reused, which keeps kill_group() safe.
  bool has_exited() {
    siginfo_t info;
    std::memset(&info, 0, sizeof info);
    int r;
    do r = ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT);
    while (r < 0 && errno == EINTR);
    if (r < 0) {  // ECHILD: reaped elsewhere (SIGCHLD ignored); its pid may already be reused, never kill it
      reaped_ = true;
      return true;
    }
    return info.si_pid == pid_;
  }

  // SIGKILL to the child's process group (it and anything it started), and to the child itself in case
  // it has not yet moved into its own group.
  void kill_group() {
    if (reaped_) return;
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
  }

  // Waits for the child; returns its wait status, or nullopt when it cannot be known (ECHILD).
  std::optional<int> reap() {
    if (reaped_) return status_;
    int status = 0;
    pid_t r;
    do r = ::waitpid(pid_, &status, 0);
    while (r < 0 && errno == EINTR);
    reaped_ = true;
    if (r == pid_) status_ = status;
    return status_;
  }

 private:
  pid_t pid_;
  bool reaped_ = false;
  std::optional<int> status_;
};

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  long fd = ::syscall(SYS_pidfd_open, pid, 0);  // close-on-exec by definition
  return fd >= 0 ? static_cast<int>(fd) : -1;
#else
  (void)pid;
  return -1;
#endif
}

std::string signal_name(int sig) {
  static const std::pair<int, const char *> names[] = {
      {SIGHUP, "SIGHUP"},   {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"},   {SIGABRT, "SIGABRT"},
      {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},   {SIGKILL, "SIGKILL"}, {SIGSEGV, "SIGSEGV"}, {SIGPIPE, "SIGPIPE"},
      {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"}, {SIGXCPU, "SIGXCPU"}, {SIGXFSZ, "SIGXFSZ"}};
  for (const auto &[number, name] : names)
    if (number == sig) return std::to_string(sig) + " (" + name + ")";
  return std::to_string(sig);
}

// ---------------------------------------------------------------------------------------------------
// The output: only the last non-empty line is kept, so any amount of output takes constant memory.

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string trim(const std::string &s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

class LastLine {
 public:
  void feed(const char *data, std::size_t size) {
    while (size > 0) {
      const char *newline = static_cast<const char *>(std::memchr(data, '\n', size));
      std::size_t n = newline != nullptr ? static_cast<std::size_t>(newline - data) : size;
      append(data, n);
      if (newline == nullptr) return;
      end_line();
      data += n + 1;
      size -= n + 1;
    }
  }
  void finish() { end_line(); }
  bool empty() const { return last_.empty(); }
  const std::string &line() const { return last_; }  // trimmed
  bool truncated() const { return last_truncated_; }

 private:
  void append(const char *data, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      if (!is_space(data[i])) current_blank_ = false;
    std::size_t room = kMaxLine - current_.size();
    if (n > room) current_truncated_ = true;
    current_.append(data, std::min(n, room));
  }
  void end_line() {
    if (!current_blank_) {
      last_ = trim(current_);
      last_truncated_ = current_truncated_;
    }
    current_.clear();
    current_blank_ = true;
    current_truncated_ = false;
  }

  std::string current_, last_;
  bool current_blank_ = true, current_truncated_ = false, last_truncated_ = false;
};

// The line as shown in a message: short, printable ASCII (the message is stored as JSON, which must be
// valid UTF-8, and a program's output need not be), quoted by the caller.
std::string shown(const std::string &line, bool truncated) {
  constexpr std::size_t kShown = 80;
  std::string out = line.substr(0, std::min(line.size(), kShown));
  for (char &c : out)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  if (line.size() > kShown || truncated) out += "...";
  return out;
}

std::string format_value(const bj::value &v) {
  switch (v.kind()) {
    case bj::kind::string:
      return std::string(v.as_string());
    case bj::kind::int64:
      return std::to_string(v.as_int64());
    case bj::kind::uint64:
      return std::to_string(v.as_uint64());
    case bj::kind::double_:
      return exact_number(v.as_double());
    case bj::kind::bool_:
      return v.as_bool() ? "true" : "false";
    default:
      return bj::serialize(v);
  }
}

// ---------------------------------------------------------------------------------------------------
// The objective.

class CommandObjective : public Objective {
 public:
  explicit CommandObjective(CommandConfig config) : config_(std::move(config)) {}

  // The command line as written and how parameters reach it; not the timeout or working directory.
  bj::object identity() const override {
    return {{"command", bj::array(config_.command.begin(), config_.command.end())},
            {"pass", config_.pass == PassMode::Json ? "json" : "args"}};
  }

  Outcome evaluate(const bj::object &params, int64_t trial_number) override {
    try {
      return run(params, trial_number);
    } catch (const Error &e) {
      if (e.status() == VN_E_INTERRUPTED) throw;  // the run stops; Study::run records the trial
      return failed(e.what());
    } catch (const std::exception &e) {
      return failed(e.what());
    }
  }

 private:
  static Outcome failed(std::string message) {
    Outcome outcome;
    outcome.state = VN_TRIAL_FAILED;
    outcome.value = std::numeric_limits<double>::quiet_NaN();
    outcome.message = std::move(message);
    return outcome;
  }

  Outcome run(const bj::object &params, int64_t trial_number) {
    // Everything the child needs is prepared before fork(): between fork and exec a child of a
    // multithreaded process may only make async-signal-safe calls.
    std::vector<std::string> args = config_.command;
    if (config_.pass == PassMode::Args) {
      for (const auto &entry : params) {
        args.push_back("--" + std::string(entry.key()));
        args.push_back(format_value(entry.value()));
      }
    }
    std::vector<char *> argv;
    for (std::string &a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    std::vector<std::string> env;
    static const char kTrialVar[] = "VERNIER_TRIAL_NUMBER=";
    for (char **e = environ; e != nullptr && *e != nullptr; ++e)
      if (std::strncmp(*e, kTrialVar, sizeof kTrialVar - 1) != 0) env.emplace_back(*e);
    env.push_back(kTrialVar + std::to_string(trial_number));
    std::vector<char *> envp;
    for (std::string &e : env) envp.push_back(e.data());
    envp.push_back(nullptr);

    std::string input;
    if (config_.pass == PassMode::Json) input = bj::serialize(params) + "\n";

    Fd stdin_child, stdin_parent, stdout_parent, stdout_child, report_read, report_write;
    if (config_.pass == PassMode::Json) {
      make_pipe(stdin_child, stdin_parent);
    } else {
      int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
      if (null_fd < 0) throw_system("could not open /dev/null");
      stdin_child.reset(null_fd);
      if (stdin_child.get() < 3) {  // see make_pipe
        int moved = ::fcntl(stdin_child.get(), F_DUPFD_CLOEXEC, 3);
        if (moved < 0) throw_system("could not open /dev/null");
        stdin_child.reset(moved);
      }
    }
    make_pipe(stdout_parent, stdout_child);
    make_pipe(report_read, report_write);  // carries errno from the child if exec fails; EOF on success

    const char *cwd = config_.cwd.empty() ? nullptr : config_.cwd.c_str();
    const char *program = config_.program.c_str();
    pid_t pid = ::fork();
    if (pid < 0) throw_system("could not start '" + config_.command[0] + "'");
    if (pid == 0) {
      // The child: async-signal-safe calls only.
      ::setpgid(0, 0);
      // If Vernier dies (killed, crashed), the program dies with it instead of running on orphaned.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      sigset_t none;
      sigemptyset(&none);
      sigprocmask(SIG_SETMASK, &none, nullptr);
      ::signal(SIGPIPE, SIG_DFL);  // hosts such as Python ignore SIGPIPE; the program should not inherit that
      ::signal(SIGXFSZ, SIG_DFL);
      int report[2] = {0, 0};
      if (cwd != nullptr && ::chdir(cwd) != 0) {
        report[0] = 1;
      } else if (::dup2(stdin_child.get(), 0) < 0 || ::dup2(stdout_child.get(), 1) < 0) {
        report[0] = 2;
      } else {
        ::execve(program, argv.data(), envp.data());
        report[0] = 3;
      }
      report[1] = errno;
      ssize_t ignored = ::write(report_write.get(), report, sizeof report);
      (void)ignored;
      ::_exit(127);
    }

    Child child(pid);
    ::setpgid(pid, pid);  // also here, so that kill_group() works even before the child has run
    stdin_child.reset();
    stdout_child.reset();
    report_write.reset();

    int report[2] = {0, 0};
    std::size_t got = 0;
    while (got < sizeof report) {
      ssize_t n = ::read(report_read.get(), reinterpret_cast<char *>(report) + got, sizeof report - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    report_read.reset();
    if (got == sizeof report) {
      child.reap();
      const char *stage = report[0] == 1 ? "could not change to directory '" : "could not start '";
      std::string what = report[0] == 1 ? config_.cwd : config_.program;
      return failed(stage + what + "': " + system_message(report[1]));
    }

    set_nonblocking(stdout_parent.get());
    if (stdin_parent.open()) set_nonblocking(stdin_parent.get());
    Fd pidfd(open_pidfd(pid));

    std::optional<Clock::time_point> deadline;
    if (config_.timeout > 0 && config_.timeout < kMaxTimeout)
      deadline =
          Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(config_.timeout));

    LastLine output;
    char buffer[65536];
    std::size_t written = 0;
    bool timed_out = false;

    // Reads what is available now; returns false at end of file.
    auto read_available = [&](std::size_t limit) {
      std::size_t total = 0;
      while (total < limit) {
        ssize_t n = ::read(stdout_parent.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
        if (n <= 0) return false;
        output.feed(buffer, static_cast<std::size_t>(n));
        total += static_cast<std::size_t>(n);
      }
      return true;
    };

    while (true) {
      if (child.has_exited()) {
        // Whatever the program wrote is in the pipe now. Stop anything it left in its group (which could
        // hold the pipe open for ever), then read what is left.
        child.kill_group();
        if (stdout_parent.open()) read_available(kMaxDrain);
        break;
      }
      int timeout_ms = -1;
      if (deadline) {
        auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count() + 1;
        if (*deadline <= Clock::now()) {
          timed_out = true;
          break;
        }
        timeout_ms = static_cast<int>(std::min<long long>(remaining, std::numeric_limits<int>::max()));
      }
      if (!pidfd.open()) timeout_ms = timeout_ms < 0 ? kPollSliceMs : std::min(timeout_ms, kPollSliceMs);

      // vn_interrupt(): the program and its process group are killed now, not left running orphaned.
      if (interrupt_requested()) {
        child.kill_group();
        child.reap();
        throw interrupted("'" + config_.command[0] + "'");
      }
      pollfd fds[4];
      nfds_t count = 0;
      int out_index = -1, in_index = -1;
      if (stdout_parent.open()) {
        out_index = static_cast<int>(count);
        fds[count++] = pollfd{stdout_parent.get(), POLLIN, 0};
      }
      if (stdin_parent.open()) {
        in_index = static_cast<int>(count);
        fds[count++] = pollfd{stdin_parent.get(), POLLOUT, 0};
      }
      if (pidfd.open()) fds[count++] = pollfd{pidfd.get(), POLLIN, 0};
      // The interrupt pipe wakes us at once; the slice bounds the wait should another waiter drain it first.
      int interrupt_index = -1;
      if (interrupt_fd() >= 0) {
        interrupt_index = static_cast<int>(count);
        fds[count++] = pollfd{interrupt_fd(), POLLIN, 0};
      }
      timeout_ms = timeout_ms < 0 ? kInterruptSliceMs : std::min(timeout_ms, kInterruptSliceMs);
      int ready = ::poll(fds, count, timeout_ms);
      if (ready < 0) {
        if (errno == EINTR) continue;
        throw_system("could not wait for '" + config_.command[0] + "'");
      }
      if (interrupt_index >= 0 && fds[interrupt_index].revents != 0) drain_interrupt_fd();
      if (out_index >= 0 && fds[out_index].revents != 0) {
        if (!read_available(sizeof buffer * 16)) stdout_parent.reset();  // EOF; the program may still run
      }
      if (in_index >= 0 && fds[in_index].revents != 0) {
        if ((fds[in_index].revents & POLLOUT) != 0 && written < input.size()) {
          ssize_t n = write_no_sigpipe(stdin_parent.get(), input.data() + written, input.size() - written);
          if (n > 0)
            written += static_cast<std::size_t>(n);
          else if (errno != EAGAIN && errno != EWOULDBLOCK)
            stdin_parent.reset();  // it closed stdin: fine
        } else {
          stdin_parent.reset();  // POLLERR / POLLHUP: the program closed its stdin
        }
        if (written == input.size()) stdin_parent.reset();  // end of file for the program
      }
    }

    if (timed_out) child.kill_group();
    stdin_parent.reset();
    stdout_parent.reset();
    std::optional<int> status = child.reap();

    if (timed_out) return failed("timed out after " + brief_number(config_.timeout) + " s");
    if (!status) return failed("exit status unknown (the process was reaped elsewhere; is SIGCHLD ignored?)");
    if (WIFSIGNALED(*status)) return failed("killed by signal " + signal_name(WTERMSIG(*status)));
    if (!WIFEXITED(*status)) return failed("stopped abnormally (wait status " + std::to_string(*status) + ")");
    if (WEXITSTATUS(*status) != 0) return failed("exit status " + std::to_string(WEXITSTATUS(*status)));

    output.finish();
    if (output.empty()) return failed("no output: the last line of output must be the score");
    const std::string &line = output.line();
    std::string quoted = "last line of output '" + shown(line, output.truncated()) + "'";
    const char *first = line.data(), *last = line.data() + line.size();
    if (first != last && *first == '+' && last - first > 1 && first[1] != '-' && first[1] != '+') ++first;
    double score = 0.0;
    auto [end, ec] = std::from_chars(first, last, score);
    if (output.truncated() || ec == std::errc::invalid_argument || end != last)
      return failed(quoted + " is not a number");
    if (ec == std::errc::result_out_of_range) return failed(quoted + " is out of the range of a double");
    if (!std::isfinite(score)) return failed(quoted + " is not a finite number");

    Outcome outcome;
    outcome.state = VN_TRIAL_COMPLETE;
    outcome.value = score;
    return outcome;
  }

  CommandConfig config_;
};

}  // namespace

std::unique_ptr<Objective> make_command_objective(const bj::object &objective_config, const std::string &base_dir) {
  return std::make_unique<CommandObjective>(parse_config(objective_config, base_dir));
}

}  // namespace vernier

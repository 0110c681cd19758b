#include "storage/file_lock.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "base/error.hpp"
#include "base/number_text.hpp"
#include "base/json.hpp"

namespace vernier::storage {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "?";
  return buf;
}

// The owners of the locks this process holds now: a lock file naming this pid with an owner not in
// this set was left by an earlier process that had the same pid (pids restart in containers).
std::mutex &owners_mutex() {
  static std::mutex m;
  return m;
}
std::set<std::string> &live_owners() {
  static std::set<std::string> owners;
  return owners;
}

struct Holder {
  bool known = false;  // a Vernier lock file whose content could be read
  long pid = 0;
  std::string host, owner;
  bool dead = false;   // known, on this host, and its process is gone
  std::string describe() const {
    if (!known) return "held by another process (an Optuna worker, or one that wrote no owner)";
    return "held by Vernier process " + std::to_string(pid) + " on " + host;
  }
};

// The state letter of /proc/PID/stat ('R', 'S', 'Z' ...), or 0 when it cannot be read.
char process_state(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  std::getline(in, stat);
  // "PID (COMMAND) STATE ...": the command may hold spaces and parentheses, so look after the last ')'.
  std::size_t close = stat.rfind(')');
  if (close == std::string::npos || close + 2 >= stat.size()) return 0;
  return stat[close + 2];
}

// Whether a process of this host has ended. A killed process that its parent has not reaped yet (a
// zombie: a harness that waits late, an Optuna worker's pool) still answers kill(pid, 0), but it runs
// no code and holds nothing, so it counts as gone.
bool process_gone(pid_t pid) {
  if (::kill(pid, 0) != 0 && errno == ESRCH) return true;
  const char state = process_state(pid);
  return state == 'Z' || state == 'X';
}

// The content of the lock file at `path` if it is still the file `seen` (a symbolic link: "-> TARGET").
std::optional<std::string> read_lock_content(const std::string &path, const struct stat &seen) {
  if (S_ISLNK(seen.st_mode)) {
    char target[4096];
    ssize_t n = ::readlink(path.c_str(), target, sizeof target);
    if (n < 0) return std::nullopt;
    return "-> " + std::string(target, static_cast<std::size_t>(n));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<std::string> content;
  if (::fstat(fd, &st) == 0 && st.st_ino == seen.st_ino && st.st_dev == seen.st_dev) {
    char buf[512];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n >= 0) content = std::string(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return content;
}

Holder parse_holder(const std::string &content) {
  Holder h;
  std::istringstream in(content);
  std::string word;
  in >> word;
  if (word != "vernier") return h;
  while (in >> word) {
    auto eq = word.find('=');
    if (eq == std::string::npos) continue;
    std::string key = word.substr(0, eq), value = word.substr(eq + 1);
    if (key == "pid") h.pid = std::strtol(value.c_str(), nullptr, 10);
    else if (key == "host") h.host = value;
    else if (key == "owner") h.owner = value;
  }
  h.known = h.pid > 0 && !h.host.empty() && !h.owner.empty();
  if (!h.known || h.host != host_name()) return h;
  if (h.pid == static_cast<long>(::getpid())) {
    std::lock_guard<std::mutex> lock(owners_mutex());
    h.dead = live_owners().count(h.owner) == 0;
  } else {
    h.dead = process_gone(static_cast<pid_t>(h.pid));
  }
  return h;
}

// Moves the lock file aside and removes it if it is still the file `expected` (same inode, time and
// content); if it is another lock (a worker took a new one meanwhile), puts that one back. Returns
// whether `expected` was removed.
bool remove_if_same(const std::string &lock_path, const LockIdentity &expected, const StorageLogger &log) {
  std::string aside = lock_path + random_id() + ".rename";  // Optuna's name for a lock being released
  if (lock_takeover_hook != nullptr) lock_takeover_hook(lock_path);
  if (::rename(lock_path.c_str(), aside.c_str()) != 0) return false;
  struct stat st {};
  if (::lstat(aside.c_str(), &st) == 0) {
    std::optional<std::string> content = read_lock_content(aside, st);
    if (content && expected.matches(st, *content)) {
      ::unlink(aside.c_str());
      return true;
    }
  }
  if (::link(aside.c_str(), lock_path.c_str()) != 0 && log)
    log(VN_LOG_WARNING, "lock file '" + lock_path + "' changed hands while being released; a worker may have lost it");
  ::unlink(aside.c_str());
  return false;
}

// Removes what killed Vernier workers of this host left beside the lock: a lock file moved aside to
// be removed (JOURNAL.lock<uuid>.rename) or written but not yet published (JOURNAL.lock.<uuid>.new).
// Files of live processes, of other hosts and Optuna's (no owner line) are left alone.
void remove_leftovers(const std::string &lock_path) {
  const std::size_t slash = lock_path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : lock_path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? lock_path : lock_path.substr(slash + 1);
  DIR *d = ::opendir(dir.c_str());
  if (!d) return;
  std::vector<std::string> gone;
  while (struct dirent *e = ::readdir(d)) {
    std::string name = e->d_name;
    auto ends_with = [&](const std::string &suffix) {
      return name.size() > base.size() + suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (name.compare(0, base.size(), base) != 0 || !(ends_with(".rename") || ends_with(".new"))) continue;
    std::string path = (slash == std::string::npos ? "" : dir) + name;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    std::optional<std::string> content = read_lock_content(path, st);
    if (!content) continue;
    Holder h = parse_holder(*content);
    if (h.dead && h.pid != static_cast<long>(::getpid())) gone.push_back(path);
  }
  ::closedir(d);
  for (const std::string &path : gone) ::unlink(path.c_str());
}

// The lock content written to a file under a temporary name, linked into place by acquire(): the lock
// file is never seen without its owner line, even if this process is killed while writing it.
class StagedLock {
 public:
  StagedLock(const std::string &lock_path, const std::string &owner, const std::string &content)
      : path_(lock_path + "." + owner + ".new") {
    int fd = ::open(path_.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0) {
      error_ = errno;
      return;
    }
    created_ = true;
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n != static_cast<ssize_t>(content.size())) error_ = n < 0 ? errno : ENOSPC;
    if (::fstat(fd, &stat_) != 0 && !error_) error_ = errno;
    ::close(fd);
  }
  ~StagedLock() {
    if (created_) ::unlink(path_.c_str());
  }
  StagedLock(const StagedLock &) = delete;
  StagedLock &operator=(const StagedLock &) = delete;
  int error() const { return error_; }
  const std::string &path() const { return path_; }
  const struct stat &stat() const { return stat_; }

 private:
  std::string path_;
  bool created_ = false;
  int error_ = 0;
  struct stat stat_ {};
};

}  // namespace

void (*lock_takeover_hook)(const std::string &lock_path) = nullptr;

std::string random_id() {
  std::random_device device;
  uint32_t w[4];
  for (uint32_t &x : w) x = device();
  w[1] = (w[1] & 0xffff0fffu) | 0x00004000u;  // UUID version 4, as Python's uuid4
  w[2] = (w[2] & 0x3fffffffu) | 0x80000000u;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%04x%08x", w[0], w[1] >> 16, w[1] & 0xffffu, w[2] >> 16,
                w[2] & 0xffffu, w[3]);
  return buf;
}

FileLock::FileLock(const std::string &journal_path, LockOptions options, StorageLogger log)
    : lock_path_(journal_path + ".lock"), options_(options), log_(std::move(log)), owner_(random_id()) {}

FileLock::~FileLock() { release(); }

void FileLock::acquire() {
  if (held_) return;
  const Clock::time_point start = Clock::now();
  bool seen_any = false;
  struct stat seen {};
  Clock::time_point seen_since = start;
  std::minstd_rand jitter(std::random_device{}());
  double backoff = 0.0005;
  const std::string content =
      "vernier pid=" + std::to_string(::getpid()) + " host=" + host_name() + " owner=" + owner_ + "\n";
  StagedLock staged(lock_path_, owner_, content);
  if (staged.error())
    throw io_error("cannot create the lock file '" + lock_path_ + "': " + std::strerror(staged.error()) +
                   " (workers need to create files beside the journal)");
  for (;;) {
    {
      // Marked live before the lock file exists: a worker of this process reading it must not judge it left.
      std::lock_guard<std::mutex> lock(owners_mutex());
      live_owners().insert(owner_);
    }
    if (::link(staged.path().c_str(), lock_path_.c_str()) == 0) {
      const struct stat &st = staged.stat();
      held_ = LockIdentity{st.st_dev, st.st_ino, st.st_mtim, content};
      // A directory scan per lock would cost every append: once per worker, and after a takeover
      // (a worker was killed), is when leftovers can have appeared.
      if (std::exchange(sweep_leftovers_, false)) remove_leftovers(lock_path_);
      return;
    }
    const int link_error = errno;
    {
      std::lock_guard<std::mutex> lock(owners_mutex());
      live_owners().erase(owner_);
    }
    if (link_error == EINTR) continue;
    if (link_error != EEXIST)
      throw io_error("cannot create the lock file '" + lock_path_ + "': " + std::strerror(link_error) +
                     " (workers need to create it beside the journal, on a file system with hard links)");
    struct stat st {};
    if (::lstat(lock_path_.c_str(), &st) != 0) continue;  // released meanwhile: try again at once
    std::optional<std::string> text = read_lock_content(lock_path_, st);
    if (!text) continue;  // replaced meanwhile: look again
    const LockIdentity found{st.st_dev, st.st_ino, st.st_mtim, *text};
    Holder holder = parse_holder(*text);
    if (holder.dead) {
      sweep_leftovers_ = true;
      if (remove_if_same(lock_path_, found, log_) && log_)
        log_(VN_LOG_INFO, "lock file '" + lock_path_ + "' was left by Vernier process " + std::to_string(holder.pid) +
                              ", which is gone; taken over");
      continue;
    }
    bool same = seen_any && st.st_ino == seen.st_ino && st.st_dev == seen.st_dev &&
                st.st_mtim.tv_sec == seen.st_mtim.tv_sec && st.st_mtim.tv_nsec == seen.st_mtim.tv_nsec;
    if (!same) {
      seen = st;
      seen_any = true;
      seen_since = Clock::now();
    } else if (options_.grace_seconds && seconds_since(seen_since) > *options_.grace_seconds) {
      sweep_leftovers_ = true;
      if (remove_if_same(lock_path_, found, log_) && log_)
        log_(VN_LOG_WARNING, "lock file '" + lock_path_ + "' was " + holder.describe() + " and unchanged for more than " +
                                 exact_number(*options_.grace_seconds) + " s; taken over as stale");
      seen_any = false;
      continue;
    }
    if (seconds_since(start) > options_.timeout_seconds)
      throw io_error("could not take the lock file '" + lock_path_ + "' within " +
                     exact_number(options_.timeout_seconds) + " s: it is " + holder.describe() +
                     "; if no worker is using the journal, remove the lock file");
    std::uniform_real_distribution<double> spread(0.5, 1.5);
    std::this_thread::sleep_for(std::chrono::duration<double>(backoff * spread(jitter)));
    backoff = std::min(backoff * 2, 0.05);
  }
}

void FileLock::release() noexcept {
  if (!held_) return;
  const LockIdentity mine = *held_;
  held_.reset();
  {
    std::lock_guard<std::mutex> lock(owners_mutex());
    live_owners().erase(owner_);
  }
  // Removes the lock file only if it is still the one this worker published: if a worker took it over
  // (it judged it stale) and another worker holds a new lock now, that lock is not this one's to remove.
  if (!remove_if_same(lock_path_, mine, log_) && log_)
    log_(VN_LOG_WARNING, "lock file '" + lock_path_ +
                             "' was taken over by another worker while this one held it (raise \"lock_grace\"?)");
}

}  // namespace vernier::storage

// Requests to stop running studies: see interrupt.hpp.
#include "base/interrupt.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <mutex>

namespace vernier {
namespace {

static_assert(std::atomic<uint64_t>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "a signal handler may only touch lock-free atomics");

// Constant-initialised (no constructor runs), so a request is safe at any moment of the program's life.
std::atomic<uint64_t> g_generation{0};
std::atomic<int> g_read_end{-1}, g_write_end{-1};
std::once_flag g_pipe_made;

// Made by the first run, never in a signal handler. Non-blocking both ends: the handler's write never
// blocks (a full pipe already holds a wake-up), nor does a drain.
void make_pipe() {
  std::call_once(g_pipe_made, [] {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return;
    g_read_end.store(fds[0]);
    g_write_end.store(fds[1]);
  });
}

thread_local const InterruptScope *t_scope = nullptr;

}  // namespace

void request_interrupt() noexcept {
  const int saved_errno = errno;
  g_generation.fetch_add(1);
  if (int fd = g_write_end.load(); fd >= 0) {
    const char byte = 1;
    ssize_t ignored = ::write(fd, &byte, 1);
    (void)ignored;
  }
  errno = saved_errno;
}

InterruptScope::InterruptScope() : start_(g_generation.load()), outer_(t_scope) {
  make_pipe();
  t_scope = this;
}

InterruptScope::~InterruptScope() { t_scope = outer_; }

bool interrupt_requested() noexcept { return t_scope != nullptr && g_generation.load() != t_scope->start_; }

int interrupt_fd() noexcept { return g_read_end.load(); }

void drain_interrupt_fd() noexcept {
  const int fd = g_read_end.load();
  if (fd < 0) return;
  char buffer[64];
  while (::read(fd, buffer, sizeof buffer) > 0) {
  }
}

Error interrupted(const std::string &where) { return Error(VN_E_INTERRUPTED, where + ": interrupted"); }

void throw_if_interrupted(const std::string &where) {
  if (interrupt_requested()) throw interrupted(where);
}

}  // namespace vernier

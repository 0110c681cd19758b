// The process-wide interruption request: see interrupt.hpp.
#include "interrupt.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>

namespace vernier {
namespace {

static_assert(std::atomic<bool>::is_always_lock_free, "a signal handler may only touch lock-free atomics");

std::atomic<bool> g_requested{false};

// Made when libvernier loads, never in a signal handler; non-blocking both ends, so that neither the
// handler's write (pipe full: a byte is already there) nor clear_interrupt's drain can block.
struct SelfPipe {
  int read_end = -1, write_end = -1;
  SelfPipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
      read_end = fds[0];
      write_end = fds[1];
    }
  }
};
const SelfPipe g_pipe;

}  // namespace

void request_interrupt() noexcept {
  g_requested.store(true);
  if (g_pipe.write_end >= 0) {
    const char byte = 1;
    ssize_t ignored = ::write(g_pipe.write_end, &byte, 1);
    (void)ignored;
  }
}

bool interrupt_requested() noexcept { return g_requested.load(); }

int interrupt_fd() noexcept { return g_pipe.read_end; }

void clear_interrupt() noexcept {
  g_requested.store(false);
  if (g_pipe.read_end < 0) return;
  char buffer[64];
  while (::read(g_pipe.read_end, buffer, sizeof buffer) > 0) {
  }
}

Error interrupted(const std::string &where) { return Error(VN_E_INTERRUPTED, where + ": interrupted"); }

void throw_if_interrupted(const std::string &where) {
  if (interrupt_requested()) throw interrupted(where);
}

}  // namespace vernier

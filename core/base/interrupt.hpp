// Requests to stop running studies (vn_interrupt in vernier.h), safe to make from a signal handler:
// `vernier tune` makes one on SIGINT, SIGTERM and SIGHUP so that a command objective's program is killed
// with its whole process group and the trial is recorded, instead of the program running on, orphaned,
// after Vernier is gone.
//
// A request increments a generation counter. Each run (vn_study_run, vn_study_optimize) notes the
// generation when it starts, in an InterruptScope on its thread, and stops once it has changed: every
// run under way stops, and a request never reaches a run that starts later. A self-pipe gets one byte per
// request so that code blocked in poll() (the command objective waiting for its program) wakes at once;
// it is only a wake-up call, drained by whoever sees it, and such waits also time out regularly.
#ifndef VERNIER_CORE_BASE_INTERRUPT_HPP
#define VERNIER_CORE_BASE_INTERRUPT_HPP

#include <cstdint>
#include <string>

#include "base/error.hpp"

namespace vernier {

// Async-signal-safe: increments the generation and writes a byte to the pipe (errno is preserved).
void request_interrupt() noexcept;

// The run on this thread, for as long as it lives: the generation it started at. Scopes nest (the inner
// one wins while it lives).
class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope &) = delete;
  InterruptScope &operator=(const InterruptScope &) = delete;

 private:
  uint64_t start_;
  const InterruptScope *outer_;
  friend bool interrupt_requested() noexcept;
};

// Whether a request came since the run on this thread started; false outside any run.
bool interrupt_requested() noexcept;

// The pipe's read end, to add to a poll() set; -1 if it could not be made (then rely on the timeout).
int interrupt_fd() noexcept;

// Empties the pipe; called by a waiter the pipe woke (the byte may be for another run, or stale).
void drain_interrupt_fd() noexcept;

// The error a run stops with (VN_E_INTERRUPTED).
Error interrupted(const std::string &where);

// Throws interrupted(where) when interrupt_requested().
void throw_if_interrupted(const std::string &where);

}  // namespace vernier

#endif  // VERNIER_CORE_BASE_INTERRUPT_HPP

// A process-wide request to stop running studies (vn_interrupt in vernier.h), safe to make from a signal
// handler: `vernier tune` makes it on SIGINT, SIGTERM and SIGHUP so that a command objective's program is
// killed with its whole process group and the trial is recorded, instead of the program running on,
// orphaned, after Vernier is gone.
//
// The request is a flag plus one byte in a self-pipe: loops test the flag between steps, and code that
// blocks in poll() (the command objective waiting for its program) adds the pipe's read end to the poll
// set, so it wakes whichever thread the signal was delivered to.
#ifndef VERNIER_CORE_INTERRUPT_HPP
#define VERNIER_CORE_INTERRUPT_HPP

#include "error.hpp"

namespace vernier {

// Async-signal-safe: sets the flag and writes a byte to the pipe.
void request_interrupt() noexcept;

// Whether a request is pending.
bool interrupt_requested() noexcept;

// The pipe's read end, readable while a request is pending (-1 if the pipe could not be made; the flag
// still works, only a blocked poll() then wakes no earlier than its own timeout).
int interrupt_fd() noexcept;

// Consumes a pending request: the loop that stops because of it calls this, so the next run starts fresh.
void clear_interrupt() noexcept;

// The error a run stops with (VN_E_INTERRUPTED).
Error interrupted(const std::string &where);

// Throws interrupted(where) when a request is pending.
void throw_if_interrupted(const std::string &where);

// Runs a study loop; when an interruption stops it, the request is consumed before the error goes on, so
// that the next loop starts fresh.
template <class Loop>
void run_consuming_interrupt(Loop &&loop) {
  try {
    loop();
  } catch (const Error &e) {
    if (e.status() == VN_E_INTERRUPTED) clear_interrupt();
    throw;
  }
}

}  // namespace vernier

#endif  // VERNIER_CORE_INTERRUPT_HPP

// While a study runs, SIGINT (Ctrl-C), SIGTERM and SIGHUP become vernier::interrupt(): the core kills a command
// objective's program with its whole process group and records the trial as failed, then Study::run
// returns VN_E_INTERRUPTED. Without this the signal would end `vernier` alone, and a training script
// started through `sh -c` would run on, orphaned. A second Ctrl-C ends `vernier` at once.
#ifndef VERNIER_CLI_INTERRUPT_SIGNALS_HPP
#define VERNIER_CLI_INTERRUPT_SIGNALS_HPP

#include <signal.h>

namespace vernier_cli {

class InterruptSignals {
 public:
  InterruptSignals();   // installs the handlers
  ~InterruptSignals();  // restores the ones before
  InterruptSignals(const InterruptSignals &) = delete;
  InterruptSignals &operator=(const InterruptSignals &) = delete;

  // The first signal received while installed, or 0.
  static int received();

 private:
  struct sigaction previous_[3];
};

// "SIGINT" for SIGINT, and so on for the signals above.
const char *signal_label(int signal_number);

}  // namespace vernier_cli

#endif  // VERNIER_CLI_INTERRUPT_SIGNALS_HPP

// The signal handlers of InterruptSignals: see interrupt_signals.hpp.
#include "interrupt_signals.hpp"

#include <atomic>
#include <csignal>

#include "vernier/vernier.hpp"

namespace vernier_cli {
namespace {

constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGHUP};
std::atomic<int> g_received{0};

// Async-signal-safe only: vernier::interrupt() is, and so are the atomic, signal() and raise().
extern "C" void on_signal(int signal_number) {
  int none = 0;
  if (g_received.compare_exchange_strong(none, signal_number)) {
    vernier::interrupt();
    return;
  }
  std::signal(signal_number, SIG_DFL);  // asked twice: stop now, with the status of that signal
  std::raise(signal_number);
}

}  // namespace

InterruptSignals::InterruptSignals() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking call returns EINTR and looks at the request
  for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &action, &previous_[i]);
}

InterruptSignals::~InterruptSignals() {
  for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &previous_[i], nullptr);
}

int InterruptSignals::received() { return g_received.load(); }

const char *signal_label(int signal_number) {
  switch (signal_number) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "a signal";
  }
}

}  // namespace vernier_cli

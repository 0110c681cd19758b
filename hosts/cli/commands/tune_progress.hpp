// The per-trial progress of `vernier tune`, on stderr so that stdout stays for results.
// On a terminal: one line rewritten in place. Otherwise (a log file, CI): nothing per trial, unless
// verbose, then one line per trial, because '\r' rewrites make a mess of files.
#ifndef VERNIER_CLI_TUNE_PROGRESS_HPP
#define VERNIER_CLI_TUNE_PROGRESS_HPP

#include <string>

namespace vernier_cli {

class Progress {
 public:
  explicit Progress(bool verbose);
  ~Progress();  // ends a line left open on the terminal
  Progress(const Progress &) = delete;
  Progress &operator=(const Progress &) = delete;

  void show(const std::string &line);
  // Ends the in-place line, so that what follows starts on a fresh line.
  void finish();

 private:
  bool terminal_;
  bool verbose_;
  bool line_open_ = false;
};

}  // namespace vernier_cli

#endif  // VERNIER_CLI_TUNE_PROGRESS_HPP

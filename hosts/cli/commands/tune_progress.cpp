#include "commands/tune_progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>

#include "visible_text.hpp"

namespace vernier_cli {

namespace {

// The line cut to the terminal's width: a line that wraps could not be rewritten in place by '\r'.
std::string fit_terminal(const std::string &line) {
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col < 2) return line;
  std::size_t width = static_cast<std::size_t>(size.ws_col) - 1;
  if (line.size() <= width) return line;
  while (width > 0 && (static_cast<unsigned char>(line[width]) & 0xC0) == 0x80) --width;  // not inside a UTF-8 character
  return line.substr(0, width);
}

}  // namespace

Progress::Progress(bool verbose) : terminal_(::isatty(STDERR_FILENO) == 1), verbose_(verbose) {}

Progress::~Progress() { finish(); }

void Progress::show(const std::string &raw) {
  // The core's line quotes failure messages, which may come from a program's output or a journal.
  const std::string line = visible_text(raw);
  if (terminal_) {
    // \r back to the start, ESC[K clears what a longer previous line left behind.
    std::fprintf(stderr, "\r\033[K%s", fit_terminal(line).c_str());
    line_open_ = true;
  } else if (verbose_) {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
}

void Progress::finish() {
  if (!line_open_) return;
  std::fputc('\n', stderr);
  std::fflush(stderr);
  line_open_ = false;
}

}  // namespace vernier_cli

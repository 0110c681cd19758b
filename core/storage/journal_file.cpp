#include "storage/journal_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "base/error.hpp"

namespace vernier::storage {

namespace {

std::string reason() { return std::strerror(errno); }

uint64_t file_size(int fd, const std::string &path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw io_error("cannot read journal '" + path + "': " + reason());
  return static_cast<uint64_t>(st.st_size);
}

// Reads [from, to) of the file into out.
void read_range(int fd, const std::string &path, uint64_t from, uint64_t to, std::string &out) {
  out.resize(to - from);
  uint64_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(from + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw io_error("cannot read journal '" + path + "': " + reason());
    if (n == 0) break;  // the file shrank meanwhile; what was read is what there is
    done += static_cast<uint64_t>(n);
  }
  out.resize(done);
}

// What a path that is no regular file is, for the message that refuses it.
const char *file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return nullptr;
}

[[noreturn]] void refuse_kind(const std::string &path, mode_t mode) {
  const char *kind = file_kind(mode);
  throw io_error("journal '" + path + "' is " + (kind != nullptr ? std::string(kind) + ", " : std::string()) +
                 "not a regular file");
}

}  // namespace

bool looks_like_record_start(std::string_view text) {
  // Optuna 3.1 writes {"op_code": 4, ...}, Optuna 4 {"op_code":4,...}; Vernier like 3.1.
  for (std::string_view start : {std::string_view("{\"op_code\": "), std::string_view("{\"op_code\":")}) {
    std::size_t n = std::min(text.size(), start.size());
    if (text.substr(0, n) == start.substr(0, n)) return true;
  }
  return false;
}

JournalFile::JournalFile(std::string path, bool writable, std::function<bool(std::string_view)> is_whole_record)
    : path_(std::move(path)), is_whole_record_(std::move(is_whole_record)) {
  // O_NONBLOCK: opening a named pipe for reading would wait for a writer forever, before any check could
  // run. Nothing is read until fstat says this is a regular file, where O_NONBLOCK changes nothing.
  int flags = O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (writable ? O_RDWR | O_APPEND | O_CREAT : O_RDONLY);
  fd_ = ::open(path_.c_str(), flags, 0644);
  if (fd_ < 0) {
    int err = errno;
    std::string why = std::strerror(err);
    struct stat st {};
    if (err == ENXIO && ::stat(path_.c_str(), &st) == 0) refuse_kind(path_, st.st_mode);  // a socket
    if (err == ENOENT && !writable) throw not_found("journal '" + path_ + "' does not exist");
    if (err == ENOENT) throw not_found("cannot create journal '" + path_ + "': its directory does not exist");
    if (err == EISDIR) throw io_error("journal '" + path_ + "' is a directory, not a file");
    if (err == EACCES || err == EROFS)
      throw io_error("cannot open journal '" + path_ + "' for " + (writable ? "writing" : "reading") + ": " + why);
    throw io_error("cannot open journal '" + path_ + "': " + why);
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    refuse_kind(path_, st.st_mode);
  }
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);
}

JournalFile::~JournalFile() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalFile::read_new(const std::function<void(std::string_view, uint64_t)> &f) {
  uint64_t size = file_size(fd_, path_);
  if (size < offset_)
    throw io_error("journal '" + path_ + "' shrank from " + std::to_string(offset_) + " to " + std::to_string(size) +
                   " bytes while open: another program rewrote it");
  if (size == offset_) return;
  read_range(fd_, path_, offset_, size, buffer_);
  std::string_view data(buffer_);
  std::size_t start = 0;
  if (std::exchange(awaiting_newline_, false) && !data.empty() && data[0] == '\n') {
    ++offset_;  // the '\n' a writer added after the whole record read last time: it ends that line
    start = 1;
  }
  for (std::size_t end = data.find('\n', start); end != std::string_view::npos; end = data.find('\n', start)) {
    ++line_number_;
    offset_ += end + 1 - start;  // consumed before f runs: a line f rejects is not read twice
    std::string_view line = data.substr(start, end - start);
    start = end + 1;
    f(line, line_number_);
  }
  // An unterminated tail is a record only when it is a whole one (its writer left out the '\n'; Optuna
  // reads it too). A record still being written, or torn by a crash, is no whole record: it stays unread.
  std::string_view tail = data.substr(start);
  if (is_whole_tail(tail)) {
    ++line_number_;
    offset_ += tail.size();
    awaiting_newline_ = true;
    f(tail, line_number_);
  }
}

bool JournalFile::is_whole_tail(std::string_view tail) const {
  std::size_t last = tail.find_last_not_of(" \t\r");
  // A record ends with '}': checked first, so that a torn record is not parsed on every read.
  return is_whole_record_ && last != std::string_view::npos && tail[last] == '}' && is_whole_record_(tail);
}

JournalFile::TailRepair JournalFile::repair_tail() {
  uint64_t size = file_size(fd_, path_);
  if (size == 0) return {};
  char last = 0;
  if (::pread(fd_, &last, 1, static_cast<off_t>(size - 1)) != 1) throw io_error("cannot read journal '" + path_ + "': " + reason());
  if (last == '\n') return {};
  // Find where the last line starts: after the last '\n' (search backwards in blocks).
  uint64_t line_start = 0;
  std::string block;
  for (uint64_t end = size; end > 0;) {
    uint64_t begin = end > 65536 ? end - 65536 : 0;
    read_range(fd_, path_, begin, end, block);
    std::size_t nl = block.rfind('\n');
    if (nl != std::string::npos) {
      line_start = begin + nl + 1;
      break;
    }
    end = begin;
  }
  std::string tail;
  read_range(fd_, path_, line_start, size, tail);
  if (is_whole_tail(tail)) {
    append("\n");  // a whole record that lacks only its end of line: ended, never cut
    return {0, true};
  }
  if (!looks_like_record_start(tail))
    throw invalid_argument("'" + path_ + "' is not a journal: its last line (byte " + std::to_string(line_start) +
                           ") is neither a complete record nor the start of one; refusing to write to it");
  if (::ftruncate(fd_, static_cast<off_t>(line_start)) != 0)
    throw io_error("cannot cut the torn last line of journal '" + path_ + "': " + reason());
  return {size - line_start, false};
}

void JournalFile::append(const std::string &text) {
  uint64_t before = file_size(fd_, path_);
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::string why = n < 0 ? reason() : "nothing written";
      // Leave the file as it was: a partial record must not stay (nor be completed by the next one).
      bool restored = ::ftruncate(fd_, static_cast<off_t>(before)) == 0;
      throw io_error("cannot write to journal '" + path_ + "': " + why +
                     (restored ? "; the journal is unchanged" : "; the partial record stays and readers will ignore it"));
    }
    done += static_cast<std::size_t>(n);
  }
}

void JournalFile::sync_to_disk() {
  if (::fsync(fd_) != 0) throw io_error("cannot flush journal '" + path_ + "' to disk: " + reason());
}

}  // namespace vernier::storage

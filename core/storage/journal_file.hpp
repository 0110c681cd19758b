// The journal file itself: reading the records appended since the last read, and appending new ones.
// Knows lines and bytes, not what records mean (journal_model.hpp) nor who may write (file_lock.hpp).
//
// Crash safety, as the storage issue asks:
//  - every record is one line written by one write() (a batch of records, one write());
//  - a last line without its '\n' is a write torn by a crash: readers leave it alone (it is no record),
//    and the next writer, holding the lock, cuts it off before appending (never glues it to a record);
//  - a failed write (full disk, file too large) is cut back to where it started, so the file holds
//    exactly the records it held before, and the error says so;
//  - fsync is the caller's choice (the storage asks for it when a trial finishes).
#ifndef VERNIER_CORE_STORAGE_JOURNAL_FILE_HPP
#define VERNIER_CORE_STORAGE_JOURNAL_FILE_HPP

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace vernier::journal {

class JournalFile {
 public:
  // Opens path; writable creates it when missing. Throws Error(VN_E_IO / VN_E_NOT_FOUND) naming the
  // file and the reason (no such directory, permission denied, a directory...).
  JournalFile(std::string path, bool writable);
  ~JournalFile();
  JournalFile(const JournalFile &) = delete;
  JournalFile &operator=(const JournalFile &) = delete;

  // Calls f(line, line_number) for every complete line appended since the last call (line numbers
  // from 1, without the '\n'). Throws Error(VN_E_IO) if the file shrank under what was read (another
  // program rewrote it).
  void read_new(const std::function<void(std::string_view line, uint64_t line_number)> &f);

  // For a writer holding the lock: cuts off a torn last line (bytes after the last '\n') and returns
  // how many bytes were cut. Throws Error(VN_E_INVALID) and cuts nothing when those bytes do not look
  // like the start of a journal record (the file is something else).
  uint64_t drop_torn_tail();
  // Appends text (complete lines) with one write(); on failure the file is cut back to its previous
  // length and Error(VN_E_IO) is thrown naming the file and the reason.
  void append(const std::string &text);
  // Makes everything written so far durable (fsync). Throws Error(VN_E_IO) on failure.
  void sync_to_disk();

  const std::string &path() const { return path_; }
  uint64_t bytes_read() const { return offset_; }

 private:
  std::string path_;
  int fd_ = -1;
  uint64_t offset_ = 0;       // bytes consumed: always just after a '\n'
  uint64_t line_number_ = 0;  // complete lines consumed
  std::string buffer_;
};

// Whether text could be the beginning of a journal record ({"op_code"...), torn or whole.
bool looks_like_record_start(std::string_view text);

}  // namespace vernier::journal

#endif  // VERNIER_CORE_STORAGE_JOURNAL_FILE_HPP

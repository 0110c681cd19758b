// The journal file itself: reading the records appended since the last read, and appending new ones.
// Knows lines and bytes, not what records mean (journal_model.hpp) nor who may write (file_lock.hpp).
//
// Crash safety, as the storage issue asks:
//  - every record is one line written by one write() (a batch of records, one write());
//  - a last line without its '\n' is a write torn by a crash, unless it is a whole record: a torn line
//    is no record, readers leave it alone, and the next writer, holding the lock, cuts it off before
//    appending (never glues it to a record). A whole record that lacks only its '\n' (a writer that left
//    it out) is a record, as Optuna reads it: readers read it, and the next writer ends it with '\n';
//  - a failed write (full disk, file too large) is cut back to where it started, so the file holds
//    exactly the records it held before, and the error says so;
//  - fsync is the caller's choice (the storage asks for it when a trial finishes).
#ifndef VERNIER_CORE_STORAGE_JOURNAL_FILE_HPP
#define VERNIER_CORE_STORAGE_JOURNAL_FILE_HPP

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace vernier::storage {

class JournalFile {
 public:
  // Opens path; writable creates it when missing. Throws Error(VN_E_IO / VN_E_NOT_FOUND) naming the
  // file and the reason (no such directory, permission denied...), and refuses anything but a regular
  // file (a directory, a named pipe, a device), without waiting on it. is_whole_record tells whether an
  // unterminated last line is a whole record (this class knows lines, not records); none: it never is.
  JournalFile(std::string path, bool writable, std::function<bool(std::string_view line)> is_whole_record = {});
  ~JournalFile();
  JournalFile(const JournalFile &) = delete;
  JournalFile &operator=(const JournalFile &) = delete;

  // Calls f(line, line_number) for every complete line appended since the last call (line numbers
  // from 1, without the '\n'), and for an unterminated last line that is a whole record. Throws Error(VN_E_IO) if the file shrank under what was read (another
  // program rewrote it).
  void read_new(const std::function<void(std::string_view line, uint64_t line_number)> &f);

  // For a writer holding the lock, before it appends: an unterminated last line that is a whole record
  // gets its '\n'; any other (a torn record) is cut off. Throws Error(VN_E_INVALID) and changes nothing
  // when that line does not look like the start of a journal record (the file is something else).
  struct TailRepair {
    uint64_t cut = 0;            // bytes of a torn record removed
    bool newline_added = false;  // a whole record's missing '\n' written
  };
  TailRepair repair_tail();
  // Appends text (complete lines) with one write(); on failure the file is cut back to its previous
  // length and Error(VN_E_IO) is thrown naming the file and the reason.
  void append(const std::string &text);
  // Makes everything written so far durable (fsync). Throws Error(VN_E_IO) on failure.
  void sync_to_disk();

  const std::string &path() const { return path_; }
  uint64_t bytes_read() const { return offset_; }

 private:
  bool is_whole_tail(std::string_view tail) const;

  std::string path_;
  std::function<bool(std::string_view)> is_whole_record_;
  int fd_ = -1;
  uint64_t offset_ = 0;       // bytes consumed: just after a '\n', or after a whole unterminated record
  bool awaiting_newline_ = false;  // the last line read was such a record: a '\n' that follows ends it
  uint64_t line_number_ = 0;  // complete lines consumed
  std::string buffer_;
};

// Whether text could be the beginning of a journal record ({"op_code"...), torn or whole.
bool looks_like_record_start(std::string_view text);

}  // namespace vernier::storage

#endif  // VERNIER_CORE_STORAGE_JOURNAL_FILE_HPP

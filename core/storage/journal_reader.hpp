// Reading a journal: the file's new lines parsed and replayed into the model. A line that is not a
// record (corrupt: a disk error, a hand edit) is reported with its line number and skipped, never
// fatal to the records after it; if it was a trial's creation, a failed placeholder trial takes its
// place so that every later record still lands on the right trial. A file whose first line is not a
// record is not a journal at all, and is refused.
#ifndef VERNIER_CORE_STORAGE_JOURNAL_READER_HPP
#define VERNIER_CORE_STORAGE_JOURNAL_READER_HPP

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "storage/storage.hpp"
#include "storage/journal_file.hpp"
#include "storage/journal_model.hpp"

namespace vernier::storage {

class JournalReader {
 public:
  JournalReader(const std::string &path, bool writable, std::string own_worker,
                std::function<bool(const std::string &)> keep, StorageLogger log);

  // Reads and applies what was appended since the last call; adds the ids of the trials created or
  // changed to `touched` (when not null). Throws Error(VN_E_INVALID) for a file that is not a journal.
  void sync(std::set<int64_t> *touched = nullptr);

  JournalFile &file() { return file_; }
  const JournalFile &file() const { return file_; }
  const JournalModel &model() const { return model_; }
  // Every warning so far (corrupt lines), also sent to the logger.
  const std::vector<std::string> &warnings() const { return warnings_; }

 private:
  void corrupt_line(std::string_view line, uint64_t number, const std::string &why, std::set<int64_t> *touched);

  JournalFile file_;
  JournalModel model_;
  StorageLogger log_;
  std::vector<std::string> warnings_;
};

// Parses one line into a JSON object. Python's json writes NaN, Infinity and -Infinity, which JSON
// does not have: they are read as null (for NaN) and as infinities. Returns "" or why it is no object.
std::string parse_record(std::string_view line, boost::json::object &out);

}  // namespace vernier::storage

#endif  // VERNIER_CORE_STORAGE_JOURNAL_READER_HPP

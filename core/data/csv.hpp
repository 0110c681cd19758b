// Reading a CSV file record by record (RFC 4180: comma-separated, fields optionally in double quotes with
// "" for a quote inside, LF or CRLF line ends). Records are handed out one at a time as views into the
// file's text, so loading a dataset never holds a string per cell.
#ifndef VERNIER_CORE_DATA_CSV_HPP
#define VERNIER_CORE_DATA_CSV_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vernier::data {

class CsvReader {
 public:
  // Reads the whole file. Throws Error(VN_E_NOT_FOUND) when it cannot be opened, naming it.
  explicit CsvReader(const std::string &path);
  // Reads CSV text already in memory; `name` is used in messages.
  CsvReader(std::string text, std::string name);

  // The next record's fields, or false at the end of the file. Blank lines are skipped (a file often
  // ends with one). The views stay valid until the next call. Throws Error(VN_E_INVALID) for a quote
  // that is never closed or text right after a closing quote, naming the line.
  bool next(std::vector<std::string_view> &fields);
  // The line of the file (1-based) where the record last returned by next() starts.
  uint64_t line() const { return record_line_; }
  const std::string &name() const { return name_; }

 private:
  std::string text_;          // quoted fields are unescaped in place, so every view points into it
  std::string name_;
  std::size_t pos_ = 0;
  uint64_t line_ = 1;         // line of text_[pos_]
  uint64_t record_line_ = 0;
};

// The field without surrounding spaces and tabs (numbers and labels are compared trimmed).
std::string_view trim(std::string_view field);

}  // namespace vernier::data

#endif  // VERNIER_CORE_DATA_CSV_HPP

#include "data/csv.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/error.hpp"

namespace vernier::data {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string_view trim(std::string_view field) {
  while (!field.empty() && is_blank(field.front())) field.remove_prefix(1);
  while (!field.empty() && is_blank(field.back())) field.remove_suffix(1);
  return field;
}

CsvReader::CsvReader(const std::string &path) : name_(path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw not_found("cannot open data file '" + path + "': " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw io_error("cannot read data file '" + path + "'");
  text_ = std::move(buffer).str();
  if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;  // a UTF-8 byte-order mark is not part of the header
}

CsvReader::CsvReader(std::string text, std::string name) : text_(std::move(text)), name_(std::move(name)) {
  if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
}

bool CsvReader::next(std::vector<std::string_view> &fields) {
  fields.clear();
  const std::size_t n = text_.size();
  // Skip blank lines ("", "\r").
  while (pos_ < n) {
    std::size_t end = text_.find('\n', pos_);
    std::size_t stop = end == std::string::npos ? n : end;
    bool blank = stop == pos_ || (stop == pos_ + 1 && text_[pos_] == '\r');
    if (!blank) break;
    pos_ = end == std::string::npos ? n : end + 1;
    if (end != std::string::npos) ++line_;
  }
  if (pos_ >= n) return false;
  record_line_ = line_;

  while (true) {
    if (pos_ < n && text_[pos_] == '"') {
      // A quoted field: unescape "" in place; the field may span lines.
      const uint64_t opened_at = line_;
      std::size_t read = pos_ + 1, write = pos_;
      while (true) {
        if (read >= n)
          throw invalid_argument(name_ + ": line " + std::to_string(opened_at) + ": a quoted field is never closed");
        char c = text_[read];
        if (c == '"') {
          if (read + 1 < n && text_[read + 1] == '"') {
            text_[write++] = '"';
            read += 2;
            continue;
          }
          ++read;
          break;
        }
        if (c == '\n') ++line_;
        text_[write++] = c;
        ++read;
      }
      fields.emplace_back(text_.data() + pos_, write - pos_);
      pos_ = read;
      while (pos_ < n && is_blank(text_[pos_])) ++pos_;
      if (pos_ < n && text_[pos_] == '\r' && (pos_ + 1 >= n || text_[pos_ + 1] == '\n')) ++pos_;
      if (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n')
        throw invalid_argument(name_ + ": line " + std::to_string(line_) +
                               ": unexpected text after a closing quote (a quote inside a quoted field is written \"\")");
    } else {
      std::size_t start = pos_;
      while (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n') ++pos_;
      std::size_t stop = pos_;
      if (stop > start && text_[stop - 1] == '\r' && (pos_ >= n || text_[pos_] == '\n')) --stop;
      fields.emplace_back(text_.data() + start, stop - start);
    }
    if (pos_ >= n) return true;
    if (text_[pos_] == '\n') {
      ++pos_;
      ++line_;
      return true;
    }
    ++pos_;  // the comma
  }
}

}  // namespace vernier::data

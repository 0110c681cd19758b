#include "storage/journal_reader.hpp"

#include <cctype>

#include "base/error.hpp"
#include "vernier/sdk/json.hpp"
#include "storage/record.hpp"

namespace vernier::storage {

namespace bj = boost::json;

namespace {

// The UTF-16 code unit of the four hex digits at text[at], or -1 when they are not four hex digits.
int hex_unit(std::string_view text, std::size_t at) {
  if (at + 4 > text.size()) return -1;
  int unit = 0;
  for (std::size_t k = at; k < at + 4; ++k) {
    const char h = text[k];
    const int digit = std::isdigit(static_cast<unsigned char>(h)) ? h - '0'
                      : (h >= 'a' && h <= 'f')                     ? h - 'a' + 10
                      : (h >= 'A' && h <= 'F')                     ? h - 'A' + 10
                                                                    : -1;
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

bool high_surrogate(int unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool low_surrogate(int unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

// What Python's json writes and strict JSON refuses, replaced by JSON that means the same to us: the
// number words Infinity and NaN outside strings, and inside strings a lone UTF-16 surrogate escape
// (Python keeps a name it could not decode, os.fsdecode's \udcXX, that way), which becomes U+FFFD as a
// UTF-8 decoder would make it. Optuna writes both; a record holding one must not be lost.
std::string strict_json_of_python(std::string_view line) {
  std::string out;
  out.reserve(line.size() + 16);
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (in_string) {
      out += c;
      if (escaped) {
        escaped = false;
        const int unit = c == 'u' ? hex_unit(line, i + 1) : -1;
        if (unit < 0xD800 || unit > 0xDFFF) continue;
        // A high surrogate directly followed by a low one is a pair: both kept as written.
        if (high_surrogate(unit) && line.compare(i + 5, 2, "\\u") == 0 && low_surrogate(hex_unit(line, i + 7))) {
          out.append(line.substr(i + 1, 10));
          i += 10;
        } else {
          out += "fffd";
          i += 4;
        }
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (line.compare(i, 8, "Infinity") == 0) {
      out += "1e400";
      i += 7;
    } else if (line.compare(i, 3, "NaN") == 0) {
      out += "null";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

// The integer after "key": in a line that may be torn or corrupt; -1 when not found.
long long find_integer(std::string_view line, std::string_view key) {
  std::size_t at = line.find(key);
  if (at == std::string_view::npos) return -1;
  std::size_t i = at + key.size();
  while (i < line.size() && (line[i] == ' ' || line[i] == ':')) ++i;
  if (i >= line.size() || !std::isdigit(static_cast<unsigned char>(line[i]))) return -1;
  long long v = 0;
  for (; i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])) && v < (1LL << 50); ++i) v = v * 10 + (line[i] - '0');
  return v;
}

}  // namespace

std::string parse_record(std::string_view line, bj::object &out) {
  boost::system::error_code ec;
  bj::value v = vernier::sdk::parse_json_exact(line, ec);
  if (ec && (line.find("NaN") != std::string_view::npos || line.find("Infinity") != std::string_view::npos ||
             line.find("\\u") != std::string_view::npos)) {
    ec.clear();
    v = vernier::sdk::parse_json_exact(strict_json_of_python(line), ec);
  }
  if (ec) return "not valid JSON (" + ec.message() + ")";
  if (!v.is_object()) return "not a JSON object";
  out = std::move(v.get_object());
  return "";
}

JournalReader::JournalReader(const std::string &path, bool writable, std::string own_worker,
                             std::function<bool(const std::string &)> keep, StorageLogger log)
    : file_(path, writable,
            [](std::string_view line) {
              bj::object record;
              return parse_record(line, record).empty() && record.contains("op_code");
            }),
      model_(std::move(own_worker), std::move(keep)), log_(std::move(log)) {}

void JournalReader::sync(std::set<int64_t> *touched) {
  file_.read_new([&](std::string_view line, uint64_t number) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;  // a blank line holds no record
    bj::object record;
    std::string why = parse_record(line, record);
    if (why.empty() && !record.contains("op_code")) why = "no op_code: not a journal record";
    if (!why.empty()) {
      if (number == 1)
        throw invalid_argument("'" + file_.path() + "' is not a journal: its first line is " + why +
                               " (a journal is Optuna's JournalStorage format: one JSON record per line)");
      corrupt_line(line, number, why, touched);
      return;
    }
    try {
      int64_t trial = model_.apply(record);
      if (trial >= 0 && touched != nullptr) touched->insert(trial);
    } catch (const Error &e) {
      corrupt_line(line, number, e.what(), touched);
    }
  });
}

void JournalReader::corrupt_line(std::string_view line, uint64_t number, const std::string &why,
                                 std::set<int64_t> *touched) {
  std::string message = "journal '" + file_.path() + "' line " + std::to_string(number) + " is corrupt: " + why;
  // A trial's creation that cannot be read still took a trial id: keep the ids of later records right.
  if (find_integer(line, "\"op_code\"") == kCreateTrial) {
    long long study = find_integer(line, "\"study_id\"");
    int64_t trial = study >= 0 ? model_.add_placeholder_trial(study, "journal line " + std::to_string(number) +
                                                                         " is corrupt: this trial could not be read")
                               : -1;
    if (trial >= 0) {
      if (touched != nullptr) touched->insert(trial);
      message += "; it created a trial, kept as failed";
    } else {
      message += "; skipped (it created a trial in an unknown study: later trial numbers may be off by one)";
    }
  } else {
    message += "; skipped";
  }
  warnings_.push_back(message);
  if (log_) log_(VN_LOG_WARNING, message);
}

}  // namespace vernier::storage

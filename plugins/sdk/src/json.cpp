// JSON text for plugins and the core alike: parsing with positions in errors, and the words used to
// describe values in messages. See vernier/sdk/json.hpp.
#include "vernier/sdk/json.hpp"

#include <boost/json/basic_parser_impl.hpp>  // basic_parser<Handler>::write_some, for our handler
#include <boost/json/serialize.hpp>
#include <boost/json/value_stack.hpp>
#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "vernier/sdk/plugin.hpp"

namespace vernier::sdk {
namespace bj = boost::json;
using boost::system::error_code;

namespace {

// 1-based line and column of a byte offset; the column counts UTF-8 characters (continuation bytes are
// skipped) because that is what an editor shows.
std::string position_of(std::string_view text, size_t offset) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Boost.JSON's own DOM-building handler, except that doubles are converted again from their text with
// std::from_chars, which is correctly rounded.
struct ExactHandler {
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  bj::value_stack st;
  std::string number;  // the text of a number split across parts

  // Duplicate keys, which the DOM would silently collapse to the last: refused in configs, where
  // {"trials": 3, "trials": 5} is a mistake. Off for journal lines (the hot path, written by programs).
  bool refuse_duplicates = false;
  std::vector<std::vector<std::string>> keys;  // the keys of each open object
  std::string key;                             // a key split across parts
  std::string duplicate;                       // the first duplicate found

  bool on_document_begin(error_code &) { return true; }
  bool on_document_end(error_code &) { return true; }
  bool on_object_begin(error_code &) {
    if (refuse_duplicates) keys.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t n, error_code &) {
    if (refuse_duplicates) keys.pop_back();
    return st.push_object(n), true;
  }
  bool on_array_begin(error_code &) { return true; }
  bool on_array_end(std::size_t n, error_code &) { return st.push_array(n), true; }
  bool on_key_part(bj::string_view s, std::size_t, error_code &) {
    if (refuse_duplicates) key.append(s.data(), s.size());
    return st.push_chars(s), true;
  }
  bool on_key(bj::string_view s, std::size_t, error_code &ec) {
    if (refuse_duplicates) {
      key.append(s.data(), s.size());
      std::vector<std::string> &seen = keys.back();
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        duplicate = std::move(key);
        ec = bj::error::syntax;  // stops the parser here, so the position points at the key
        return false;
      }
      seen.push_back(std::move(key));
      key.clear();
    }
    return st.push_key(s), true;
  }
  bool on_string_part(bj::string_view s, std::size_t, error_code &) { return st.push_chars(s), true; }
  bool on_string(bj::string_view s, std::size_t, error_code &) { return st.push_string(s), true; }
  bool on_number_part(bj::string_view s, error_code &) { return number.append(s.data(), s.size()), true; }
  bool on_int64(std::int64_t i, bj::string_view, error_code &) { return number.clear(), st.push_int64(i), true; }
  bool on_uint64(std::uint64_t u, bj::string_view, error_code &) { return number.clear(), st.push_uint64(u), true; }
  bool on_double(double d, bj::string_view s, error_code &) {
    number.append(s.data(), s.size());
    double exact = 0;
    auto r = std::from_chars(number.data(), number.data() + number.size(), exact);
    if (r.ec == std::errc() && r.ptr == number.data() + number.size()) d = exact;  // else (overflow): Boost's ±inf
    number.clear();
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, error_code &) { return st.push_bool(b), true; }
  bool on_null(error_code &) { return st.push_null(), true; }
  bool on_comment_part(bj::string_view, error_code &) { return true; }
  bool on_comment(bj::string_view, error_code &) { return true; }
};

// Parses text; returns how many bytes were consumed, which on a syntax error is where the error is.
size_t parse_into(bj::basic_parser<ExactHandler> &parser, std::string_view text, error_code &ec) {
  parser.handler().st.reset();
  size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && text.find_first_not_of(" \t\r\n", used) != std::string_view::npos) ec = bj::error::extra_data;
  return used;
}

}  // namespace

const char *json_kind(const bj::value &v) {
  switch (v.kind()) {
    case bj::kind::null: return "null";
    case bj::kind::bool_: return "a boolean";
    case bj::kind::int64:
    case bj::kind::uint64: return "an integer";
    case bj::kind::double_: return "a number";
    case bj::kind::string: return "a string";
    case bj::kind::array: return "an array";
    case bj::kind::object: return "an object";
  }
  return "a value";
}

bj::value parse_json_exact(std::string_view text, error_code &ec) {
  bj::basic_parser<ExactHandler> parser(bj::parse_options{});
  parse_into(parser, text, ec);
  if (ec) return nullptr;
  return parser.handler().st.release();
}

bj::value parse_json(std::string_view text, std::string_view what) {
  bj::basic_parser<ExactHandler> parser(bj::parse_options{});
  parser.handler().refuse_duplicates = true;
  error_code ec;
  size_t consumed = parse_into(parser, text, ec);
  const std::string &duplicate = parser.handler().duplicate;
  if (ec)
    throw Error(VN_E_INVALID, std::string(what) + ": invalid JSON at " + position_of(text, consumed) + ": " +
                                  (duplicate.empty() ? ec.message() : "duplicate key \"" + duplicate + "\""));
  return parser.handler().st.release();
}

std::string choice_text(const bj::value &value) {
  if (value.is_string()) return std::string(value.get_string());
  if (value.is_double()) {  // to_chars: the shortest text that reads back the same ("0.5", not Boost's "5E-1")
    char buffer[32];
    return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value.get_double()).ptr);
  }
  return bj::serialize(value);
}

std::string describe_json(const bj::value &value) {
  std::string text;
  if (value.is_double()) {  // shortest round-trip form ("2.5", not Boost's "2.5E0")
    char buffer[32];
    text.assign(buffer, std::to_chars(buffer, buffer + sizeof buffer, value.get_double()).ptr);
  } else {
    text = bj::serialize(value);
  }
  constexpr size_t kMax = 60;
  if (text.size() > kMax) text = text.substr(0, kMax - 3) + "...";
  return text;
}

}  // namespace vernier::sdk

// A DOM-building handler for Boost.JSON's basic_parser that converts doubles again from their text, and
// can refuse repeated keys. See exact_json.hpp.
#include "exact_json.hpp"

#include <boost/json/basic_parser_impl.hpp>  // basic_parser<Handler>::write_some, for our handler

#include <charconv>
#include <set>
#include <string>
#include <vector>

namespace vernier_cli {

namespace bj = boost::json;
using boost::system::error_code;

namespace {

class ExactDom {
 public:
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  explicit ExactDom(bool refuse_duplicate_keys) : refuse_duplicates_(refuse_duplicate_keys) {}
  bj::value release() { return values_.release(); }

  bool on_document_begin(error_code &) { return values_.reset(), true; }
  bool on_document_end(error_code &) { return true; }
  bool on_object_begin(error_code &) {
    if (refuse_duplicates_) open_keys_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t n, error_code &) {
    if (refuse_duplicates_) open_keys_.pop_back();
    return values_.push_object(n), true;
  }
  bool on_array_begin(error_code &) { return true; }
  bool on_array_end(std::size_t n, error_code &) { return values_.push_array(n), true; }
  bool on_key_part(bj::string_view s, std::size_t, error_code &) {
    if (refuse_duplicates_) key_.append(s.data(), s.size());
    return values_.push_chars(s), true;
  }
  bool on_key(bj::string_view s, std::size_t, error_code &ec) {
    if (refuse_duplicates_) {
      key_.append(s.data(), s.size());
      bool repeated = !open_keys_.back().insert(std::move(key_)).second;
      key_.clear();
      if (repeated) {
        ec = bj::error::syntax;
        return false;
      }
    }
    return values_.push_key(s), true;
  }
  bool on_string_part(bj::string_view s, std::size_t, error_code &) { return values_.push_chars(s), true; }
  bool on_string(bj::string_view s, std::size_t, error_code &) { return values_.push_string(s), true; }
  bool on_number_part(bj::string_view s, error_code &) { return number_.append(s.data(), s.size()), true; }
  bool on_int64(std::int64_t i, bj::string_view, error_code &) { return number_.clear(), values_.push_int64(i), true; }
  bool on_uint64(std::uint64_t u, bj::string_view, error_code &) { return number_.clear(), values_.push_uint64(u), true; }
  bool on_double(double d, bj::string_view s, error_code &) {
    number_.append(s.data(), s.size());
    double exact = 0;
    auto [end, ec] = std::from_chars(number_.data(), number_.data() + number_.size(), exact);
    if (ec == std::errc() && end == number_.data() + number_.size()) d = exact;  // else (overflow): Boost's ±inf
    number_.clear();
    return values_.push_double(d), true;
  }
  bool on_bool(bool b, error_code &) { return values_.push_bool(b), true; }
  bool on_null(error_code &) { return values_.push_null(), true; }
  bool on_comment_part(bj::string_view, error_code &) { return true; }
  bool on_comment(bj::string_view, error_code &) { return true; }

 private:
  bj::value_stack values_;
  std::string number_;                          // a number's text delivered in parts
  std::string key_;                             // a key's text delivered in parts
  std::vector<std::set<std::string>> open_keys_;  // with refuse_duplicates_: the keys of each open object
  bool refuse_duplicates_;
};

}  // namespace

bj::value parse_exact_json(std::string_view text, error_code &ec, bool refuse_duplicate_keys) {
  bj::basic_parser<ExactDom> parser(bj::parse_options{}, refuse_duplicate_keys);
  std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && text.find_first_not_of(" \t\r\n", used) != std::string_view::npos) ec = bj::error::extra_data;
  if (ec) return nullptr;
  return parser.handler().release();
}

}  // namespace vernier_cli

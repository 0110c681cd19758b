// JSON text for plugins and the core alike: parsing with positions in errors, and the words used to
// describe values in messages. See abi/vernier/sdk/json.hpp.
#include "vernier/sdk/json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <charconv>

#include "vernier/plugin_sdk.hpp"

namespace vernier::sdk {
namespace json = boost::json;

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

}  // namespace

const char *json_kind(const json::value &v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64: return "an integer";
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "a value";
}

json::value parse_json(std::string_view text, std::string_view what) {
  json::stream_parser parser;
  boost::system::error_code ec;
  // write() reports how many bytes it consumed, which on a syntax error is where the error is.
  size_t consumed = parser.write(text.data(), text.size(), ec);
  if (!ec) {
    parser.finish(ec);
    consumed = text.size();  // an incomplete text fails at its end
  }
  if (ec)
    throw Error(VN_E_INVALID,
                std::string(what) + ": invalid JSON at " + position_of(text, consumed) + ": " + ec.message());
  return parser.release();
}

std::string describe_json(const json::value &value) {
  std::string text;
  if (value.is_double()) {  // shortest round-trip form ("2.5", not Boost's "2.5E0")
    char buffer[32];
    text.assign(buffer, std::to_chars(buffer, buffer + sizeof buffer, value.get_double()).ptr);
  } else {
    text = json::serialize(value);
  }
  constexpr size_t kMax = 60;
  if (text.size() > kMax) text = text.substr(0, kMax - 3) + "...";
  return text;
}

}  // namespace vernier::sdk

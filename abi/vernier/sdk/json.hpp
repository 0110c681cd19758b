// JSON helpers shared by plugins and the core: parsing with line and column in errors, and describing
// values in messages. Part of the plugin SDK (plugins/sdk/json.cpp).
#ifndef VERNIER_SDK_JSON_HPP
#define VERNIER_SDK_JSON_HPP

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace vernier::sdk {

// Parses one JSON text. On a syntax error throws Error(VN_E_INVALID) reading
// "<what>: invalid JSON at line L, column C: <reason>" (1-based; columns count UTF-8 characters).
boost::json::value parse_json(std::string_view text, std::string_view what);

// A short rendering of a JSON value for error messages (serialised, cut to about 60 characters).
std::string describe_json(const boost::json::value &value);

// The kind of a JSON value as words for messages: "a string", "an integer", "null", ...
const char *json_kind(const boost::json::value &value);

}  // namespace vernier::sdk

#endif  // VERNIER_SDK_JSON_HPP

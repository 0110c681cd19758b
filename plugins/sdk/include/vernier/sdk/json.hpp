// JSON helpers shared by plugins and the core: parsing with line and column in errors, and describing
// values in messages. Part of the plugin SDK (plugins/sdk/src/json.cpp).
#ifndef VERNIER_SDK_JSON_HPP
#define VERNIER_SDK_JSON_HPP

#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>
#include <string>
#include <string_view>

namespace vernier::sdk {

// Parses one JSON text. On a syntax error throws Error(VN_E_INVALID) reading
// "<what>: invalid JSON at line L, column C: <reason>" (1-based; columns count UTF-8 characters).
// A key repeated within one object is such an error too ("duplicate key \"trials\""): in a config it is a
// mistake the usual last-one-wins rule would hide. Numbers are read back to the exact double they were
// written from (see parse_json_exact).
boost::json::value parse_json(std::string_view text, std::string_view what);

// Parses one JSON text without throwing: on failure sets ec and returns null. Every number with a
// fraction or exponent is converted by std::from_chars, which is correctly rounded; Boost.JSON 1.81's own
// conversion may be one unit in the last place off (1.6666666666666663), and a value read back from a
// journal or config must equal the one written, or a resumed study would no longer see the same history
// (VN-ABI-8). Only whitespace may follow the value. Repeated keys are not checked (the last one wins):
// this is the parser for machine-written text such as journal lines, where speed counts.
boost::json::value parse_json_exact(std::string_view text, boost::system::error_code &ec);

// The name of a categorical choice (space.h): a string as is, a number or boolean as its shortest JSON text
// ("3", "0.5", "1e-05", "true"; a whole double such as 2.0 reads "2"). The host names the choices of a space
// so, and matches a condition's values, a getter's choice and a grid's listed values by this name.
std::string choice_text(const boost::json::value &value);

// A short rendering of a JSON value for error messages (serialised, cut to about 60 characters).
std::string describe_json(const boost::json::value &value);

// The kind of a JSON value as words for messages: "a string", "an integer", "null", ...
const char *json_kind(const boost::json::value &value);

}  // namespace vernier::sdk

#endif  // VERNIER_SDK_JSON_HPP

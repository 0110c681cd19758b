// JSON in and out for the CLI: reading the core's reports, and printing JSON and numbers readably
// (Boost.JSON would print 0.5 as 5E-1 and has no indentation).
#ifndef VERNIER_CLI_JSON_TEXT_HPP
#define VERNIER_CLI_JSON_TEXT_HPP

#include <optional>
#include <string>

#include <boost/json.hpp>

namespace vernier_cli {

// Parses JSON the core returned; throws CliError naming `what` if it is not valid JSON.
boost::json::value parse_json(const std::string &text, const std::string &what);

// JSON text with doubles in their shortest round-trip form. indent 0: one line; otherwise nested
// values on their own lines, indented by that many spaces per level. Non-finite doubles become the
// strings "inf", "-inf" and "nan", as in every JSON the core returns (docs/abi.md).
// Strings hold no raw control character (C0 by JSON's rules; DEL and C1 as \u escapes too).
std::string to_json(const boost::json::value &value, int indent = 0);

// The number a JSON value from the core stands for: a number, or one of the strings "inf", "-inf",
// "nan" (how the core's JSON carries non-finite numbers); nullopt for anything else.
std::optional<double> number_value(const boost::json::value &value);

// A double for people: shortest round-trip form ("0.1", "-3.3223", "1e-05").
std::string format_number(double x);

// A JSON scalar for people: strings without quotes, numbers via format_number; anything else as JSON.
// Control characters come out as visible escapes (visible_text.hpp): the result is safe to print.
std::string format_value(const boost::json::value &value);

}  // namespace vernier_cli

#endif  // VERNIER_CLI_JSON_TEXT_HPP

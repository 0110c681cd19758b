// Reading JSON exactly in the CLI: every number with a fraction or exponent is converted by
// std::from_chars, which is correctly rounded. Boost.JSON 1.81's own conversion may be one unit in the
// last place off (1.6666666666666663), and then `vernier show` would print a value other than the one
// stored, and `vernier tune` would hand the core a config other than the file's.
#ifndef VERNIER_CLI_EXACT_JSON_HPP
#define VERNIER_CLI_EXACT_JSON_HPP

#include <string_view>

#include <boost/json.hpp>

namespace vernier_cli {

// Parses one JSON text (only whitespace may follow it). On failure sets ec and returns null. With
// refuse_duplicate_keys, a key repeated within one object is a failure too: a config's mistake that the
// last-one-wins rule would hide.
boost::json::value parse_exact_json(std::string_view text, boost::system::error_code &ec,
                                    bool refuse_duplicate_keys = false);

}  // namespace vernier_cli

#endif  // VERNIER_CLI_EXACT_JSON_HPP

// JSON helpers for configs: parsing with line and column in errors, and typed field access whose
// errors name the JSON path of the offending field ("sampler.seed: expected an integer, got \"x\"").
#ifndef VERNIER_CORE_BASE_JSON_HPP
#define VERNIER_CORE_BASE_JSON_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

namespace vernier::json {

namespace bj = boost::json;

// Parses text; on failure throws VN_E_INVALID "<what>: invalid JSON at line L, column C: reason"
// (the plugin SDK's parser, so plugins and the core report JSON errors alike).
bj::value parse(std::string_view text, const std::string &what);
// Like parse, and requires an object.
bj::object parse_object(std::string_view text, const std::string &what);

// The JSON type of a value as a word for messages: "a string", "an integer", ...
std::string type_name(const bj::value &v);

// Typed optional fields of an object; absent (or null) gives nullopt, a wrong type throws naming path.key.
std::optional<std::string> get_string(const bj::object &o, std::string_view key, const std::string &path);
std::optional<double> get_number(const bj::object &o, std::string_view key, const std::string &path);
std::optional<int64_t> get_integer(const bj::object &o, std::string_view key, const std::string &path);
std::optional<bool> get_bool(const bj::object &o, std::string_view key, const std::string &path);
const bj::object *get_object(const bj::object &o, std::string_view key, const std::string &path);
const bj::array *get_array(const bj::object &o, std::string_view key, const std::string &path);

// Throws VN_E_INVALID when o has a key outside `known` (comma-separated), naming it and the known ones.
void reject_unknown_keys(const bj::object &o, std::string_view known, const std::string &path);

// JSON has no infinities and no NaN; how to write them:
enum class NonFinite {
  // Python's words Infinity, -Infinity and NaN, as Python's json (so Optuna's journal) writes them:
  // for the journal only, which must read as Optuna's own.
  python,
  // The strings "inf", "-inf" and "nan", valid JSON that every number parser (Python's float(),
  // C's strtod) reads back: for every JSON the C API returns.
  strings,
};

// v as JSON text, with its non-finite doubles written as `how` says (Boost.JSON alone writes Python's
// words, which is no JSON). Finite values are written as Boost.JSON writes them.
std::string serialize(const bj::value &v, NonFinite how);


}  // namespace vernier::json

#endif  // VERNIER_CORE_BASE_JSON_HPP

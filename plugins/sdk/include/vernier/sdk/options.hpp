// Vernier plugin SDK: reading a component's options from its config JSON.
//
// A component declares its options once, in the options_json of its descriptor (plugin.h):
//   {"options": {"points_per_axis": {"type": "int", "default": 5, "min": 1, "help": "..."},
//                "kernel": {"type": "string", "default": "rbf", "choices": ["rbf", "matern"]}}}
// Types: "int", "number", "bool", "string", "array", "object". "min"/"max" (inclusive) apply to int and
// number; "choices" to any type. An option without "default" is required; a "default" of null makes it
// optional (has() is false until the config sets it). Other top-level keys of the schema are ignored.
//
// Options(schema, config) validates the config against that schema and fills in the defaults, so the same
// text that `vernier plugins` prints is what create() enforces. A bad config is a user error:
// vernier::sdk::Error(VN_E_INVALID) with a message naming the option and the bad value. A bad schema or a
// getter that does not match the declared type is the plugin author's bug: Error(VN_E_INTERNAL).
#ifndef VERNIER_SDK_OPTIONS_HPP
#define VERNIER_SDK_OPTIONS_HPP

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace vernier::sdk {

class Options {
 public:
  // schema_json: the component's options_json; config_json: the config given to create() (NULL is "{}").
  Options(const char *schema_json, const char *config_json);

  // Whether the option is declared and has a non-null value.
  bool has(std::string_view name) const;

  // Typed getters; the option must be declared with the matching type (number() also reads ints).
  int64_t integer(std::string_view name) const;
  double number(std::string_view name) const;
  bool boolean(std::string_view name) const;
  std::string string(std::string_view name) const;
  const boost::json::value &json(std::string_view name) const;  // any type, e.g. arrays and objects

  // Every option with its value after defaults, in schema order (for logging a component's settings).
  const boost::json::object &values() const { return values_; }

 private:
  const boost::json::value &get(std::string_view name, std::string_view type) const;

  boost::json::object specs_;   // option name -> its schema entry
  boost::json::object values_;  // option name -> validated value (ints normalised to int64)
};

}  // namespace vernier::sdk

#endif  // VERNIER_SDK_OPTIONS_HPP

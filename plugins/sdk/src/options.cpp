// Reading and validating component options: see vernier/sdk/options.hpp.
#include "vernier/sdk/options.hpp"

#include "vernier/sdk/json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <charconv>
#include <cmath>
#include <limits>

#include "vernier/sdk/plugin.hpp"

namespace vernier::sdk {
namespace bj = boost::json;

namespace {

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// The option types a schema may declare, with the words used in messages.
const char *type_description(std::string_view type) {
  if (type == "int") return "an integer";
  if (type == "number") return "a number";
  if (type == "bool") return "a boolean";
  if (type == "string") return "a string";
  if (type == "array") return "an array";
  if (type == "object") return "an object";
  return nullptr;
}

bool numbers_equal_or_same(const bj::value &a, const bj::value &b) {
  if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>();
  return a == b;
}

// Converts `value` to the declared type in place (ints become int64, even when written 5.0 or as a
// uint64 that fits). Returns false when it is not of that type.
bool coerce(std::string_view type, bj::value &value) {
  if (type == "int") {
    if (value.is_int64()) return true;
    if (value.is_uint64()) {
      if (value.get_uint64() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
      value = static_cast<int64_t>(value.get_uint64());
      return true;
    }
    if (value.is_double()) {
      const double d = value.get_double();
      if (!(std::floor(d) == d && std::fabs(d) < 9.2e18)) return false;
      value = static_cast<int64_t>(d);
      return true;
    }
    return false;
  }
  if (type == "number") return value.is_number();
  if (type == "bool") return value.is_bool();
  if (type == "string") return value.is_string();
  if (type == "array") return value.is_array();
  if (type == "object") return value.is_object();
  return false;
}

// Validates (and normalises) one option value against its spec. Returns "" when it is fine, else the
// message describing the problem.
std::string check(std::string_view name, const bj::object &spec, bj::value &value) {
  const std::string_view type = spec.at("type").as_string();
  const std::string shown = describe_json(value);
  if (value.is_null()) {  // only an optional option (default null) may be null
    const bj::value *def = spec.if_contains("default");
    return def != nullptr && def->is_null() ? ""
                                            : "option " + quoted(name) + " must be " + type_description(type) +
                                                  ", got null";
  }
  if (!coerce(type, value)) {
    return "option " + quoted(name) + " must be " + type_description(type) + ", got " + shown;
  }
  if (value.is_number()) {
    const double v = value.to_number<double>();
    if (const bj::value *min = spec.if_contains("min"); min != nullptr && v < min->to_number<double>())
      return "option " + quoted(name) + " must be >= " + describe_json(*min) + ", got " + shown;
    if (const bj::value *max = spec.if_contains("max"); max != nullptr && v > max->to_number<double>())
      return "option " + quoted(name) + " must be <= " + describe_json(*max) + ", got " + shown;
  }
  if (const bj::value *choices = spec.if_contains("choices")) {
    std::string listed;
    for (const bj::value &choice : choices->as_array()) {
      if (numbers_equal_or_same(choice, value)) return "";
      listed += (listed.empty() ? "" : ", ") + describe_json(choice);
    }
    return "option " + quoted(name) + " must be one of " + listed + "; got " + shown;
  }
  return "";
}

// Checks the shape of one schema entry; a problem here is a bug of the plugin, not of the user.
void check_spec(std::string_view name, const bj::value &entry) {
  const auto fail = [&](const std::string &why) {
    throw Error(VN_E_INTERNAL, "options schema: option " + quoted(name) + " " + why);
  };
  if (!entry.is_object()) fail("is not an object");
  const bj::object &spec = entry.get_object();
  const bj::value *type = spec.if_contains("type");
  if (type == nullptr || !type->is_string() || type_description(type->get_string()) == nullptr)
    fail("needs a \"type\" of int, number, bool, string, array or object");
  for (const char *bound : {"min", "max"})
    if (const bj::value *b = spec.if_contains(bound); b != nullptr && !b->is_number())
      fail(std::string("has a non-numeric \"") + bound + "\"");
  if (const bj::value *choices = spec.if_contains("choices"); choices != nullptr && !choices->is_array())
    fail("has \"choices\" that is not an array");
}

}  // namespace

Options::Options(const char *schema_json, const char *config_json) {
  // The schema: a plugin's static text, so any problem with it is internal.
  bj::value schema;
  try {
    schema = parse_json(schema_json != nullptr ? schema_json : "", "options schema");
  } catch (const Error &e) {
    throw Error(VN_E_INTERNAL, e.what());
  }
  const bj::value *options = schema.is_object() ? schema.get_object().if_contains("options") : nullptr;
  if (options == nullptr || !options->is_object())
    throw Error(VN_E_INTERNAL, "options schema: must be an object with an \"options\" object");
  specs_ = options->get_object();
  for (const auto &entry : specs_) check_spec(entry.key(), entry.value());

  // The config: the user's text.
  bj::value config = parse_json(config_json != nullptr ? config_json : "{}", "config");
  if (!config.is_object())
    throw Error(VN_E_INVALID, std::string("config must be a JSON object, got ") + json_kind(config));
  for (const auto &entry : config.get_object()) {
    if (specs_.contains(entry.key())) continue;
    std::string known;
    for (const auto &spec : specs_) known += (known.empty() ? "" : ", ") + std::string(spec.key());
    throw Error(VN_E_INVALID, "unknown option " + quoted(entry.key()) +
                                  (known.empty() ? " (this component takes no options)" : " (known: " + known + ")"));
  }

  for (const auto &entry : specs_) {
    const bj::object &spec = entry.value().get_object();
    if (const bj::value *given = config.get_object().if_contains(entry.key())) {
      bj::value value = *given;
      if (std::string problem = check(entry.key(), spec, value); !problem.empty()) throw Error(VN_E_INVALID, problem);
      values_[entry.key()] = std::move(value);
    } else if (const bj::value *def = spec.if_contains("default")) {
      bj::value value = *def;
      if (std::string problem = check(entry.key(), spec, value); !problem.empty())
        throw Error(VN_E_INTERNAL, "options schema: bad default: " + problem);
      values_[entry.key()] = std::move(value);
    } else {
      throw Error(VN_E_INVALID, "missing required option " + quoted(entry.key()));
    }
  }
}

const bj::value &Options::get(std::string_view name, std::string_view type) const {
  const bj::value *spec = specs_.if_contains(name);
  if (spec == nullptr) throw Error(VN_E_INTERNAL, "option " + quoted(name) + " is not declared in the schema");
  const std::string_view declared = spec->get_object().at("type").get_string();
  const bool matches = type.empty() || declared == type || (type == "number" && declared == "int");
  if (!matches)
    throw Error(VN_E_INTERNAL, "option " + quoted(name) + " is declared as " + std::string(declared) +
                                   " but read as " + std::string(type));
  const bj::value &value = values_.at(name);
  if (value.is_null() && !type.empty()) throw Error(VN_E_INTERNAL, "option " + quoted(name) + " is not set");
  return value;
}

bool Options::has(std::string_view name) const {
  const bj::value *value = values_.if_contains(name);
  return value != nullptr && !value->is_null();
}

int64_t Options::integer(std::string_view name) const { return get(name, "int").get_int64(); }
double Options::number(std::string_view name) const { return get(name, "number").to_number<double>(); }
bool Options::boolean(std::string_view name) const { return get(name, "bool").get_bool(); }
std::string Options::string(std::string_view name) const { return std::string(get(name, "string").get_string()); }
const bj::value &Options::json(std::string_view name) const { return get(name, ""); }

}  // namespace vernier::sdk

// Fuzz target: the plugin descriptor reader, the JSON texts a component's descriptor carries (plugin.h):
// its options_json, read by the SDK's Options against a config given to create(), and a model's
// default_space_json, read as the registry and the model conformance suite read it. The input is the
// three texts separated by NUL bytes: options_json, config_json, default_space_json (missing parts are
// absent: a NULL config, no default space). Properties: every option the schema declares reads back
// through the getter of its declared type, or reports a clear error.
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "base/json.hpp"
#include "space/search_space.hpp"
#include "vernier/sdk/options.hpp"

namespace {

using namespace vernier;

// The NUL-separated parts of the input (at most `n`; the last one takes the rest).
std::vector<std::string> split(std::string_view input, std::size_t n) {
  std::vector<std::string> parts;
  while (parts.size() + 1 < n) {
    std::size_t nul = input.find('\0');
    if (nul == std::string_view::npos) break;
    parts.emplace_back(input.substr(0, nul));
    input.remove_prefix(nul + 1);
  }
  parts.emplace_back(input);
  return parts;
}

void read_every_option(const sdk::Options &options, const boost::json::object &schema) {
  const boost::json::value *declared = schema.if_contains("options");
  if (declared == nullptr || !declared->is_object()) return;
  for (const auto &[name, spec] : declared->get_object()) {
    if (!options.has(name)) continue;
    const boost::json::value *type = spec.is_object() ? spec.get_object().if_contains("type") : nullptr;
    if (type == nullptr || !type->is_string()) continue;
    const std::string_view t = type->get_string();
    if (t == "int") (void)options.integer(name);
    else if (t == "number") (void)options.number(name);
    else if (t == "bool") (void)options.boolean(name);
    else if (t == "string") (void)options.string(name);
    else (void)options.json(name);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::vector<std::string> parts = split(fuzz::as_text(data, size), 3);
  const std::string &options_json = parts[0];
  const char *config_json = parts.size() > 1 ? parts[1].c_str() : nullptr;

  // As the registry reads a descriptor when it loads a library.
  boost::json::object schema;
  const bool schema_ok = fuzz::clean_errors([&] { schema = json::parse_object(options_json, "options_json"); });
  // As create() reads its config through the SDK (the schema is parsed again there, as plugins do).
  fuzz::clean_errors([&] {
    const sdk::Options options(options_json.c_str(), config_json);
    if (schema_ok) read_every_option(options, schema);
  });
  if (parts.size() > 2) {
    fuzz::clean_errors([&] { (void)Space::from_json(json::parse(parts[2], "default_space_json"), "default_space_json"); });
  }
  return 0;
}

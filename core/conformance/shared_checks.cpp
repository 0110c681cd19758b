// Checks several kinds' suites share: see shared_checks.hpp.
#include "conformance/shared_checks.hpp"

#include <boost/json.hpp>

namespace vernier::conformance {

namespace bj = boost::json;

std::vector<std::string> option_variants(const Component &component, Vary vary, std::size_t max) {
  std::vector<std::string> out;
  const bj::value *options = component.options.if_contains("options");
  if (options == nullptr || !options->is_object()) return out;
  for (const auto &[name, spec] : options->as_object()) {
    if (!spec.is_object()) continue;
    const bj::object &o = spec.as_object();
    const bj::value *def = o.if_contains("default");
    const bj::value *type = o.if_contains("type");
    if (type != nullptr && type->is_string() && type->as_string() == "bool")
      out.push_back(bj::serialize(bj::object{{name, !(def != nullptr && def->is_bool() && def->as_bool())}}));
    if (vary == Vary::kBools) continue;
    if (const bj::value *choices = o.if_contains("choices"); choices != nullptr && choices->is_array())
      for (const bj::value &c : choices->as_array())
        if (def == nullptr || c != *def) out.push_back(bj::serialize(bj::object{{name, c}}));
  }
  if (out.size() > max) out.resize(max);
  return out;
}

}  // namespace vernier::conformance

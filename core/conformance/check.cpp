// The orchestrator of `vernier check`: see check.hpp.
#include "conformance/check.hpp"

#include <memory>
#include <vector>

#include "plugin_host/registry.hpp"
#include "conformance/isolation.hpp"
#include "conformance/kind_suites.hpp"
#include "conformance/library_checks.hpp"

namespace vernier::conformance {

namespace {

// Every check of the library, in this process; the results reach the parent through check_hooks().
void run_checks(const std::string &path) {
  Library lib;
  lib.path = path;
  CheckList checks;
  library_checks(lib, checks);

  // The host's own loader, on a registry of this library alone: what `vernier` itself would accept.
  std::unique_ptr<Registry> registry;
  std::vector<const Component *> components;
  if (lib.entry != nullptr) {
    checks.run("library.registry", "VN-ABI-3", "the host's registry accepts the library", [&] {
      RegistryOptions options;
      options.default_paths = false;
      registry = std::make_unique<Registry>(options);
      components = registry->load(path);
      return std::string();
    });
  }

  for (const Component *c : components) {
    const vn_component &d = *c->descriptor;
    if (CheckHooks *hooks = check_hooks()) hooks->enter_component(kind_name(d.kind), d.name);
    if (const SuiteRunner run = suite_of_kind(d.kind)) run(*registry, *c);
  }
}

}  // namespace

boost::json::object check_plugin_library(const std::string &path) {
  return run_isolated(path, [&] { run_checks(path); });
}

}  // namespace vernier::conformance

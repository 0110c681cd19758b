// The plugins of the build tree, and only those (no VERNIER_PLUGIN_PATH, no install directory), as the tests
// load them. VERNIER_PLUGIN_BUILD_DIR is defined for every test target (tests/CMakeLists.txt).
#ifndef VERNIER_TESTS_BUILD_PLUGINS_HPP
#define VERNIER_TESTS_BUILD_PLUGINS_HPP

#include "plugin_host/registry.hpp"

namespace vernier::testing {

inline RegistryOptions build_plugin_options() {
  RegistryOptions options;
  options.default_paths = false;
  options.plugin_path = {VERNIER_PLUGIN_BUILD_DIR};
  return options;
}

// One registry of them for the whole test program.
inline Registry &build_plugins() {
  static Registry registry(build_plugin_options());
  return registry;
}

}  // namespace vernier::testing

#endif  // VERNIER_TESTS_BUILD_PLUGINS_HPP

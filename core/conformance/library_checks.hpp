// The checks of a plugin library as a whole, before any component's suite (docs/abi.md, VN-ABI-1..4):
// the file and its exported symbols, loading it, the entry function and its table, each descriptor.
#ifndef VERNIER_CORE_CONFORMANCE_LIBRARY_CHECKS_HPP
#define VERNIER_CORE_CONFORMANCE_LIBRARY_CHECKS_HPP

#include <string>
#include <vector>

#include <boost/dll/shared_library.hpp>

#include "conformance/check_list.hpp"
#include "vernier/plugin/plugin.h"

namespace vernier::conformance {

// What the library checks learnt, for the checks after them.
struct Library {
  std::string path;
  std::vector<std::string> symbols;
  boost::dll::shared_library library;
  vn_plugin_entry_fn entry_fn = nullptr;
  const vn_plugin_entry *entry = nullptr;  // set only when the entry and its table passed their checks
};

// Runs the library.* checks of lib.path into `list`, each skipped once one it needs has failed.
void library_checks(Library &lib, CheckList &list);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_LIBRARY_CHECKS_HPP

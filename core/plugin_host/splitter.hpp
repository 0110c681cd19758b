// The host side of a splitter plugin: creates the instance, asks for every split and checks it (a byte
// per row that is train, validation or unused; at least one row of each of train and validation), so a
// broken plugin is reported by name.
#ifndef VERNIER_CORE_PLUGIN_HOST_SPLITTER_HPP
#define VERNIER_CORE_PLUGIN_HOST_SPLITTER_HPP

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "plugin_host/registry.hpp"
#include "vernier/plugin/splitter.h"

namespace vernier {

// One split: row numbers (as given to split(), ascending) on each side.
struct Split {
  std::vector<uint64_t> train, validation;
};

class SplitterHandle {
 public:
  // Throws an Error naming the splitter when it is unknown, refuses the options or breaks the ABI.
  SplitterHandle(const Registry &registry, const std::string &name, const boost::json::object &options);

  // Every split of `rows` of data. Throws an Error "splitter 'kfold': <message>" (too few rows, no group
  // column, ...) with the plugin's status, or VN_E_INTERNAL naming the broken rule.
  std::vector<Split> splits(const vn_dataset &data, const std::vector<uint64_t> &rows, uint64_t seed);

  const std::string &name() const { return instance_.name; }

 private:
  PluginInstance<vn_splitter_vtable> instance_;
};

}  // namespace vernier

#endif  // VERNIER_CORE_PLUGIN_HOST_SPLITTER_HPP

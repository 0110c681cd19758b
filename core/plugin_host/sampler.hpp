// The host side of a sampler plugin: creates the instance and checks every suggestion it returns
// against the space, so a broken plugin is reported by name and never corrupts a study.
#ifndef VERNIER_CORE_PLUGIN_HOST_SAMPLER_HPP
#define VERNIER_CORE_PLUGIN_HOST_SAMPLER_HPP

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "plugin_host/registry.hpp"
#include "space/search_space.hpp"
#include "vernier/plugin/sampler.h"

namespace vernier {

class SamplerHandle {
 public:
  // Throws an Error naming the plugin when it is unknown, refuses the options or breaks the ABI.
  SamplerHandle(const Registry &registry, const std::string &name, const boost::json::object &options);

  // Fills out (numbers.size() x space.size()) with checked suggestions. Throws Error(VN_E_EXHAUSTED)
  // when the sampler has nothing left; Error(VN_E_INTERNAL) naming the plugin and the broken rule
  // when it returns an invalid point; the plugin's own status and message for anything else.
  void suggest(const Space &space, const vn_history &history, uint64_t seed, const std::vector<int64_t> &numbers,
               std::vector<double> &out);
  const std::string &name() const { return instance_.name; }

 private:
  PluginInstance<vn_sampler_vtable> instance_;
};

}  // namespace vernier

#endif  // VERNIER_CORE_PLUGIN_HOST_SAMPLER_HPP

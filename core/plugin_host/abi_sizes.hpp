// The sizes of the ABI 1.0 plugin-written structs (VN-ABI-2): the least struct_size the host accepts.
// Later minors append members, so a plugin built against 1.0 reports these sizes forever; comparing
// with sizeof() instead would refuse every older plugin as soon as a minor grows a struct. The registry
// and every conformance suite use these constants and nothing else.
#ifndef VERNIER_CORE_PLUGIN_HOST_ABI_SIZES_HPP
#define VERNIER_CORE_PLUGIN_HOST_ABI_SIZES_HPP

#include <cstddef>
#include <cstdint>

#include "vernier/plugin/model.h"
#include "vernier/plugin/plugin.h"
#include "vernier/plugin/sampler.h"
#include "vernier/plugin/splitter.h"
#include "vernier/plugin/surrogate.h"

namespace vernier::abi_1_0 {

// The last member of each struct in ABI 1.0: members appended later come after these.
constexpr std::size_t kPluginEntrySize = VN_SIZE_THROUGH(vn_plugin_entry, components);
constexpr std::size_t kComponentSize = VN_SIZE_THROUGH(vn_component, create);
constexpr std::size_t kSamplerVtableSize = VN_SIZE_THROUGH(vn_sampler_vtable, destroy);
constexpr std::size_t kSurrogateVtableSize = VN_SIZE_THROUGH(vn_surrogate_vtable, destroy);
constexpr std::size_t kModelVtableSize = VN_SIZE_THROUGH(vn_model_vtable, destroy);
constexpr std::size_t kSplitterVtableSize = VN_SIZE_THROUGH(vn_splitter_vtable, destroy);

// The 1.0 size of a vtable type, for code written once for every kind.
template <class Vtable>
constexpr std::size_t vtable_size();
template <>
constexpr std::size_t vtable_size<vn_sampler_vtable>() { return kSamplerVtableSize; }
template <>
constexpr std::size_t vtable_size<vn_surrogate_vtable>() { return kSurrogateVtableSize; }
template <>
constexpr std::size_t vtable_size<vn_model_vtable>() { return kModelVtableSize; }
template <>
constexpr std::size_t vtable_size<vn_splitter_vtable>() { return kSplitterVtableSize; }

// The 1.0 vtable size of a kind (VN_KIND_*), 0 for a kind 1.0 does not have.
constexpr std::size_t vtable_size(uint32_t kind) {
  switch (kind) {
    case VN_KIND_SAMPLER: return kSamplerVtableSize;
    case VN_KIND_SURROGATE: return kSurrogateVtableSize;
    case VN_KIND_MODEL: return kModelVtableSize;
    case VN_KIND_SPLITTER: return kSplitterVtableSize;
  }
  return 0;
}

}  // namespace vernier::abi_1_0

#endif  // VERNIER_CORE_PLUGIN_HOST_ABI_SIZES_HPP

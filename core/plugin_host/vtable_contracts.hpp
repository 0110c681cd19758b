// What the host requires of each kind's vtable (VN-ABI-3): the members it calls, which must not be NULL.
// One table serves both the host-side handles (open_instance, registry.hpp) and the conformance probes
// (conformance/probe_base.hpp), so what `vernier check` demands is exactly what loading demands.
#ifndef VERNIER_CORE_PLUGIN_HOST_VTABLE_CONTRACTS_HPP
#define VERNIER_CORE_PLUGIN_HOST_VTABLE_CONTRACTS_HPP

#include <cstdint>

#include "vernier/plugin/model.h"
#include "vernier/plugin/plugin.h"
#include "vernier/plugin/sampler.h"
#include "vernier/plugin/splitter.h"
#include "vernier/plugin/surrogate.h"

namespace vernier {

// Whether every one of a vtable's required function pointers is set.
template <class... Functions>
constexpr bool all_set(Functions... functions) {
  return ((functions != nullptr) && ...);
}

template <class Vtable>
struct VtableContract {
  int32_t kind;         // VN_KIND_MODEL
  const char *word;     // "model", as errors name the plugin: "model 'ridge': ..."
  const char *name;     // "vn_model_vtable"
  const char *header;   // "model.h"
  const char *members;  // "fit, predict, last_error and destroy": what must not be NULL
  bool (*complete)(const Vtable &vtable);
};

inline constexpr VtableContract<vn_sampler_vtable> kSamplerVtable{
    VN_KIND_SAMPLER, "sampler", "vn_sampler_vtable", "sampler.h", "suggest, last_error and destroy",
    [](const vn_sampler_vtable &v) { return all_set(v.suggest, v.last_error, v.destroy); }};
inline constexpr VtableContract<vn_surrogate_vtable> kSurrogateVtable{
    VN_KIND_SURROGATE, "surrogate", "vn_surrogate_vtable", "surrogate.h", "fit, predict, last_error and destroy",
    [](const vn_surrogate_vtable &v) { return all_set(v.fit, v.predict, v.last_error, v.destroy); }};
inline constexpr VtableContract<vn_model_vtable> kModelVtable{
    VN_KIND_MODEL, "model", "vn_model_vtable", "model.h", "fit, predict, last_error and destroy",
    [](const vn_model_vtable &v) { return all_set(v.fit, v.predict, v.last_error, v.destroy); }};
inline constexpr VtableContract<vn_splitter_vtable> kSplitterVtable{
    VN_KIND_SPLITTER, "splitter", "vn_splitter_vtable", "splitter.h", "n_splits, split, last_error and destroy",
    [](const vn_splitter_vtable &v) { return all_set(v.n_splits, v.split, v.last_error, v.destroy); }};

}  // namespace vernier

#endif  // VERNIER_CORE_PLUGIN_HOST_VTABLE_CONTRACTS_HPP

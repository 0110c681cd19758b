// Broken on purpose (VN-ABI-5): C++ exceptions thrown straight out of extern "C" entry points, with no SDK
// firewall. "broken-throws-create" throws from create(), "broken-throws-suggest" from suggest(). The host
// must catch them on its side of the boundary and report the plugin by name, without crashing.
#include <stdexcept>

#include "vernier/plugin/sampler.h"

namespace {

struct Instance {
  char last_error[1] = {'\0'};
};

}  // namespace

extern "C" {

static vn_status throwing_suggest(void *, const vn_space *, const vn_history *, uint64_t, const int64_t *, uint32_t,
                                  double *) {
  throw std::runtime_error("broken-throws-suggest: thrown out of suggest");
}

static const char *instance_last_error(void *self) { return static_cast<Instance *>(self)->last_error; }

static void instance_destroy(void *self) { delete static_cast<Instance *>(self); }

static const vn_sampler_vtable kVtable = {sizeof(vn_sampler_vtable), throwing_suggest, instance_last_error,
                                          instance_destroy};

static vn_status throwing_create(const vn_component *, const vn_host *, const char *, void **, const void **, char *,
                                 size_t) {
  throw std::runtime_error("broken-throws-create: thrown out of create");
}

// Creates fine (options ignored: not what this plugin is about); its suggest() is what throws.
static vn_status working_create(const vn_component *, const vn_host *, const char *, void **out_instance,
                                const void **out_vtable, char *, size_t) {
  *out_instance = new Instance;
  *out_vtable = &kVtable;
  return VN_OK;
}

static const vn_component kThrowsInCreate = {sizeof(vn_component), VN_KIND_SAMPLER, "broken-throws-create", "0.0.1",
                                             "a deliberately broken test plugin", "{\"options\": {}}", nullptr,
                                             throwing_create};
static const vn_component kThrowsInSuggest = {sizeof(vn_component), VN_KIND_SAMPLER, "broken-throws-suggest",
                                              "0.0.1", "a deliberately broken test plugin", "{\"options\": {}}",
                                              nullptr, working_create};
static const vn_component *const kComponents[] = {&kThrowsInCreate, &kThrowsInSuggest};
static const vn_plugin_entry kEntry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 2, kComponents};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &kEntry : nullptr;
}

}  // extern "C"

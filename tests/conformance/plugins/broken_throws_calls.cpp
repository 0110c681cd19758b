// Broken on purpose (VN-ABI-5): a model whose fit() and a splitter whose n_splits() throw C++ exceptions
// straight out of their extern "C" vtables, with no SDK firewall. The conformance suites must catch them
// on their side of the boundary and fail <kind>.firewall naming the call, not die of std::terminate.
#include <stdexcept>

#include "vernier/plugin/model.h"
#include "vernier/plugin/splitter.h"

namespace {

struct Instance {
  char last_error[1] = {'\0'};
};

}  // namespace

extern "C" {

static const char *instance_last_error(void *self) { return static_cast<Instance *>(self)->last_error; }

static void instance_destroy(void *self) { delete static_cast<Instance *>(self); }

static vn_status throwing_fit(void *, const vn_dataset *, const uint64_t *, uint64_t, const vn_space *, const double *,
                              uint64_t) {
  throw std::runtime_error("broken-throws-fit: thrown out of fit");
}

static vn_status never_fitted(void *, const vn_dataset *, const uint64_t *, uint64_t, double *, uint64_t) {
  return VN_E_STATE;
}

static vn_status throwing_n_splits(void *, const vn_dataset *, const uint64_t *, uint64_t, uint64_t, uint32_t *) {
  throw std::runtime_error("broken-throws-n-splits: thrown out of n_splits");
}

static vn_status no_split(void *, const vn_dataset *, const uint64_t *, uint64_t, uint64_t, uint32_t, uint8_t *) {
  return VN_E_STATE;
}

static const vn_model_vtable kModelVtable = {sizeof(vn_model_vtable), throwing_fit, never_fitted, instance_last_error,
                                             instance_destroy};
static const vn_splitter_vtable kSplitterVtable = {sizeof(vn_splitter_vtable), throwing_n_splits, no_split,
                                                   instance_last_error, instance_destroy};

// Creates fine (options ignored: not what this plugin is about); its calls are what throw.
static vn_status create(const vn_component *self, const vn_host *, const char *, void **out_instance,
                        const void **out_vtable, char *, size_t) {
  *out_instance = new Instance;
  *out_vtable = self->kind == VN_KIND_MODEL ? static_cast<const void *>(&kModelVtable) : &kSplitterVtable;
  return VN_OK;
}

static const vn_component kModel = {sizeof(vn_component), VN_KIND_MODEL, "broken-throws-fit", "0.0.1",
                                    "a deliberately broken test model", "{\"options\": {}}",
                                    "[{\"name\": \"unused\", \"type\": \"float\", \"low\": 0, \"high\": 1}]", create};
static const vn_component kSplitter = {sizeof(vn_component), VN_KIND_SPLITTER, "broken-throws-n-splits", "0.0.1",
                                       "a deliberately broken test splitter", "{\"options\": {}}", nullptr, create};
static const vn_component *const kComponents[] = {&kModel, &kSplitter};
static const vn_plugin_entry kEntry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 2, kComponents};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &kEntry : nullptr;
}

}  // extern "C"

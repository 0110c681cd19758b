/* A sampler as a plugin built against the ABI 1.0 headers sees it: its entry, descriptor and vtable are
 * declared here with the 1.0 members only, frozen, and report those sizes as their struct_size. A later
 * minor appends members to the real structs (VN-ABI-2); the host and the conformance suite must keep
 * accepting this library then, so they compare struct_size with the 1.0 sizes, never with sizeof. */
#include "broken_common.h"

/* The ABI 1.0 layouts (status.h, plugin.h, sampler.h of Vernier 1.0), copied and never to be changed. */
typedef struct sampler_vtable_1_0 {
  uint32_t struct_size;
  vn_status (*suggest)(void *self, const vn_space *space, const vn_history *history, uint64_t seed,
                       const int64_t *trial_numbers, uint32_t count, double *out);
  const char *(*last_error)(void *self);
  void (*destroy)(void *self);
} sampler_vtable_1_0;

typedef struct component_1_0 {
  uint32_t struct_size;
  uint32_t kind;
  const char *name, *version, *summary, *options_json, *default_space_json;
  vn_status (*create)(const vn_component *self, const vn_host *host, const char *config_json, void **out_instance,
                      const void **out_vtable, char *err, size_t err_cap);
} component_1_0;

typedef struct plugin_entry_1_0 {
  uint32_t struct_size;
  uint32_t abi_major, abi_minor;
  uint32_t n_components;
  const component_1_0 *const *components;
} plugin_entry_1_0;

static const sampler_vtable_1_0 vtable = {sizeof(sampler_vtable_1_0), mini_suggest, mini_last_error, mini_destroy};

MINI_SAMPLER_CREATE(create, vtable)

static const component_1_0 component = {sizeof(component_1_0), VN_KIND_SAMPLER, "abi-1-0", "1.0.0",
                                        "a sampler with the ABI 1.0 struct sizes", "{\"options\": {}}", NULL, create};
static const component_1_0 *const components[] = {&component};
static const plugin_entry_1_0 entry = {sizeof(plugin_entry_1_0), VN_ABI_MAJOR, 0, 1, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  /* The host reads the 1.0 prefix of the real struct, which is this one. */
  return host_abi_major == VN_ABI_MAJOR ? (const vn_plugin_entry *)(const void *)&entry : NULL;
}

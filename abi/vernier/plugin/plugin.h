/* Vernier C ABI: what every plugin library exports and what the host gives it.
 *
 * A plugin library exports exactly one symbol, the function vernier_plugin_entry (VN-ABI-1).
 * It returns a static table of components (samplers, surrogates, models, splitters); the host
 * creates instances through each component's create() and talks to them through the vtable of
 * their kind (sampler.h, surrogate.h, model.h, splitter.h).
 *
 * Tags used on every function below:
 *   [thread-safe]   may be called from several threads at once;
 *   [instance]      called by one thread at a time per instance; distinct instances run in parallel;
 *   [host-owned]    the pointer is valid only during the call (VN-ABI-6);
 *   [plugin-owned]  the plugin keeps it alive (static, or until the stated event). */
#ifndef VERNIER_PLUGIN_H
#define VERNIER_PLUGIN_H

#include "../status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Host services, given to every create() (VN-ABI-9); never NULL, and neither are its log and
 * get_extension members. The struct and everything it points to
 * stay valid for the whole life of every instance created with it, and the library an instance came
 * from stays loaded while the instance lives (VN-ABI-6). Plugins keep no global mutable state: all
 * state lives in instances (VN-ABI-7). */
typedef struct vn_host {
  uint32_t struct_size;          /* sizeof(vn_host) as the host was built; read no field beyond it */
  uint32_t abi_major, abi_minor; /* the host's ABI version */
  void *host_data;               /* opaque; pass the vn_host back, never touch this */
  /* [thread-safe] Log one UTF-8 line at a VN_LOG_* severity. utf8 is owned by the caller and copied before return. */
  void (*log)(const struct vn_host *host, int32_t severity, const char *utf8);
  /* [thread-safe] A versioned extension by id ("vn.registry/1"), or NULL when the host has none.
   * The returned struct is host-owned and valid as long as the vn_host. */
  const void *(*get_extension)(const struct vn_host *host, const char *id);
} vn_host;

/* A component: one sampler, surrogate, model or splitter a library provides.
 * Descriptors are static and plugin-owned (VN-ABI-3). */
typedef struct vn_component {
  uint32_t struct_size;          /* sizeof(vn_component) as the plugin was built */
  uint32_t kind;                 /* VN_KIND_SAMPLER, VN_KIND_SURROGATE, VN_KIND_MODEL, VN_KIND_SPLITTER */
  const char *name;              /* identifier used in configs, e.g. "random"; [a-z0-9_-]+ */
  const char *version;           /* the component's own version, e.g. "1.0.0" */
  const char *summary;           /* one line for `vernier plugins` */
  /* JSON object describing the options accepted in config_json:
   * {"options": {"name": {"type": "int", "default": 5, "min": 1, "help": "..."}}}
   * (types: int, number, bool, string, array, object; optional keys: default, min, max, choices, help)
   * — at least {"options": {}}. */
  const char *options_json;
  const char *default_space_json; /* models: a default search space, a JSON array in the format of a study
                                   * config's "space" (docs/config.md); others: NULL */
  /* [thread-safe] Create an instance from config_json ([host-owned] JSON object of options, never NULL;
   * "{}" for all defaults). On success stores the instance and the vtable of this component's kind
   * (a plugin-owned static struct: vn_sampler_vtable for samplers, ...) and returns VN_OK. On failure
   * returns a negative vn_status, writes a NUL-terminated UTF-8 message of at most err_cap bytes
   * into err (caller-owned), and stores nothing. Unknown options are an error (VN_E_INVALID) naming them.
   * The instance may keep `host` for its whole life. */
  vn_status (*create)(const struct vn_component *self, const vn_host *host, const char *config_json,
                      void **out_instance, const void **out_vtable, char *err, size_t err_cap);
} vn_component;

/* The table returned by the entry function: static, plugin-owned, valid while the library is loaded. */
typedef struct vn_plugin_entry {
  uint32_t struct_size;          /* sizeof(vn_plugin_entry) as the plugin was built */
  uint32_t abi_major, abi_minor; /* the ABI the plugin was built against: VN_ABI_MAJOR, VN_ABI_MINOR */
  uint32_t n_components;
  const vn_component *const *components; /* n_components pointers */
} vn_plugin_entry;

/* Registry extension "vn.registry/1": lets a plugin create another component by kind and name
 * (the GP sampler asks for its surrogate this way). Plugins never call each other directly. */
#define VN_EXT_REGISTRY "vn.registry/1"
typedef struct vn_registry_v1 {
  uint32_t struct_size;
  /* [thread-safe] Same contract as vn_component.create, looking the component up by kind and name;
   * `host` is the vn_host the calling instance was created with. The created instance belongs to the
   * caller: it uses it from its own thread and destroys it through the vtable before destroying itself.
   * The returned vtable is the created component's, of the plugin's ABI minor: check its struct_size
   * before using a member appended after ABI 1.0 (VN-ABI-2). The library of the created instance stays
   * loaded while the host lives. VN_E_NOT_FOUND when no component of that kind has that name. */
  vn_status (*create)(const vn_host *host, uint32_t kind, const char *name, const char *config_json,
                      void **out_instance, const void **out_vtable, char *err, size_t err_cap);
} vn_registry_v1;

/* The one exported symbol (VN-ABI-1). The host passes its ABI major; the plugin returns its table,
 * or NULL when it cannot serve that major. [thread-safe], no side effects, may be called many times. */
#define VN_PLUGIN_ENTRY_SYMBOL "vernier_plugin_entry"
typedef const vn_plugin_entry *(*vn_plugin_entry_fn)(uint32_t host_abi_major);

#if defined(_WIN32)
#define VN_PLUGIN_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
#define VN_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define VN_PLUGIN_EXPORT /* a compiler without visibility: the version script alone exports the entry */
#endif

/* The prototype every plugin library defines (and exports, alone: build with -fvisibility=hidden and a
 * version script such as the installed plugin-exports.map). A C host that finds it with dlsym converts
 * the void * to vn_plugin_entry_fn with memcpy, as ISO C requires. */
VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major);

/* Vtables (sampler.h, surrogate.h, model.h, splitter.h) start with struct_size; every member of ABI 1.0
 * is required (non-NULL); members added by later minors are appended after destroy and may be NULL, so
 * a reader checks p->struct_size >= VN_SIZE_THROUGH(vtable type, member) before using one. */

#ifdef __cplusplus
}
#endif
#endif /* VERNIER_PLUGIN_H */

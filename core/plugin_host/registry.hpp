// Plugin discovery and loading (DESIGN.md §3): every shared library in the search path that exports
// vernier_plugin_entry is loaded with Boost.DLL, checked against the ABI rules, and its components
// registered by kind and name. A broken or incompatible library is recorded as skipped with the reason,
// never fatal to the others. Every library the registry loaded stays loaded until the registry is
// destroyed, even when a later load() replaces its components: instances created through the
// "vn.registry/1" extension hold no reference of their own (plugin.h), and Component references handed
// out stay valid. Libraries also stay loaded while any PluginInstance from them lives.
//
// Threads: a Registry may be shared (a vn_context is). Lookups (find, require, names, components,
// report) and create_instance may run in parallel with each other and with load(), which takes the
// component list exclusively. skipped() and search_path() are fixed by the constructor.
#ifndef VERNIER_CORE_PLUGIN_HOST_REGISTRY_HPP
#define VERNIER_CORE_PLUGIN_HOST_REGISTRY_HPP

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "base/error.hpp"
#include "plugin_host/vtable_contracts.hpp"
#include "vernier/plugin/plugin.h"

namespace vernier {

struct LoadedLibrary;  // a loaded shared library (Boost.DLL), kept alive by shared_ptr

struct Component {
  const vn_component *descriptor = nullptr;
  std::shared_ptr<LoadedLibrary> library;
  std::string path;                     // the library file
  bool bundled = false;                 // from the install directory next to the core
  std::string replaces;                 // the bundled library this one replaces (replace_bundled), else ""
  boost::json::object options;          // the parsed options_json
  boost::json::value default_space;     // models: the parsed default_space_json, else null
};

struct Skipped {
  std::string path;
  std::string reason;
};

// Discovery's trust rules (docs/plugin-guide.md, "Where plugins are loaded from"; core/plugin_host/plugin_trust.hpp):
// a directory entry must be absolute; a library is loaded only when its resolved file and every
// directory above it are owned by root or the user and writable by nobody else; a bundled component
// (from the install directory) is replaced by a search path plugin of the same kind and name only on
// request, and that is logged. Everything refused is listed in skipped() with the reason.
struct RegistryOptions {
  std::vector<std::string> plugin_path;  // searched after VERNIER_PLUGIN_PATH
  bool default_paths = true;             // VERNIER_PLUGIN_PATH and the install directory
  bool allow_unsafe_dirs = false;        // skip the ownership and permission checks (not the others)
  bool replace_bundled = false;          // a plugin may replace a bundled component; also set by
                                         // VERNIER_REPLACE_BUNDLED=1 when default_paths is on
  int32_t log_level = 2;                 // VN_LOG_WARNING: least severity written to stderr
};

const char *kind_name(uint32_t kind);        // "sampler", ...
uint32_t kind_from_name(std::string_view);   // 0 when unknown
// Whether a component's name is a non-empty [a-z0-9_-]+ identifier (VN-ABI-3).
bool valid_component_name(const char *name);

class Registry {
 public:
  // Discovers plugins. Throws for a user-named directory that does not exist.
  explicit Registry(RegistryOptions options);
  ~Registry();
  Registry(const Registry &) = delete;
  Registry &operator=(const Registry &) = delete;

  // Loads one library now; throws an Error naming the file and the broken rule. Components whose
  // kind and name are already registered are replaced by the new library's (a plugin author checking
  // a fresh build wants that one); the replaced ones, and their library, stay alive. The file is the
  // caller's explicit choice, so the search path's trust rules do not apply. [thread-safe]
  std::vector<const Component *> load(const std::string &path);

  // The returned pointers and references stay valid as long as the registry. [thread-safe]
  const Component *find(uint32_t kind, std::string_view name) const;
  // Throws VN_E_NOT_FOUND "unknown sampler 'x' (available: grid, random)".
  const Component &require(uint32_t kind, std::string_view name) const;
  std::vector<std::string> names(uint32_t kind) const;
  // The registered components, in registration order: a snapshot, so a concurrent load() cannot
  // invalidate the iteration.
  std::vector<const Component *> components() const;
  const std::vector<Skipped> &skipped() const { return skipped_; }
  const std::vector<std::string> &search_path() const { return search_path_; }

  // The host struct handed to every create() (VN-ABI-9); valid as long as the registry.
  const vn_host *host() const { return &host_; }
  void log(int32_t severity, const std::string &message) const;

  // {"plugins": [...], "skipped": [...], "search_path": [...]}
  boost::json::object report() const;

 private:
  // origin: where the user named dir ("VERNIER_PLUGIN_PATH"), or nullptr for a default directory,
  // which may be absent; bundled: the install directory.
  void scan_directory(const std::string &dir, const char *origin, bool bundled);
  // Why the library `file` (found in the trusted directory) may not be loaded, or "".
  std::string refusal(const std::string &file, const std::string &real) const;
  // Registers what one discovered library provides, by the precedence rules above.
  void register_discovered(std::vector<std::unique_ptr<Component>> found, const std::string &file);
  // Loads `path` (resolved); the components name `listed_as`, the path as the user sees it.
  std::vector<std::unique_ptr<Component>> open_library(const std::string &path, const std::string &listed_as);
  // Caller holds mutex_ (shared or exclusive).
  const Component *find_locked(uint32_t kind, std::string_view name) const;
  std::vector<std::string> names_locked(uint32_t kind) const;
  // Takes ownership of c (and its library) for the registry's life; caller holds mutex_ exclusively.
  const Component *keep(std::unique_ptr<Component> c);

  RegistryOptions options_;
  vn_host host_{};
  std::vector<std::string> search_path_;
  std::vector<std::string> scanned_;  // the resolved directories scanned, so each is scanned once
  std::vector<Skipped> skipped_;

  // Guards the three members below: load() writes them, every lookup reads them.
  mutable std::shared_mutex mutex_;
  std::vector<std::shared_ptr<LoadedLibrary>> libraries_;  // every library with a registered component, ever
  std::vector<std::unique_ptr<Component>> owned_;          // every component ever registered, replaced ones too
  std::vector<const Component *> components_;             // the registered ones: what lookups see
};

// An instance of a component with its vtable, destroyed through the vtable; holds its library loaded.
template <class Vtable>
struct PluginInstance {
  void *self = nullptr;
  const Vtable *vtable = nullptr;
  std::shared_ptr<LoadedLibrary> library;
  std::string name;
  PluginInstance() = default;
  PluginInstance(const PluginInstance &) = delete;
  PluginInstance &operator=(const PluginInstance &) = delete;
  ~PluginInstance() {
    try {  // a destroy() that throws breaks VN-ABI-5, but must not take the host down
      if (self != nullptr && vtable != nullptr) vtable->destroy(self);
    } catch (...) {
    }
  }
  // The plugin's last_error(), guarded against a NULL return or an exception.
  std::string last_error() const {
    try {
      const char *m = vtable->last_error(self);
      return m != nullptr && *m != '\0' ? std::string(m) : std::string("(no message)");
    } catch (...) {
      return "(last_error threw an exception)";
    }
  }
};

// Creates an instance of `component`; checks the returned instance and vtable (VN-ABI-2, -3): its
// struct_size must be at least the ABI 1.0 vtable size of the component's kind (core/plugin_host/abi_sizes.hpp), and
// at least `minimum_vtable_size` when a caller needs a member appended later. Throws an Error naming the
// plugin. [thread-safe]
struct RawInstance {
  void *self = nullptr;
  const void *vtable = nullptr;
};
RawInstance create_instance(const Registry &registry, const Component &component, const std::string &config_json,
                            std::size_t minimum_vtable_size = 0);

// Opens `instance` on a new instance of the registered component `name` of the contract's kind, configured
// by `options`, and checks that its vtable has every member the host will call (vtable_contracts.hpp,
// VN-ABI-3). Errors name the plugin as "<kind> '<name>'". The one way the host-side handles of every kind
// (sampler.hpp, model.hpp, splitter.hpp) are made.
template <class Vtable>
void open_instance(PluginInstance<Vtable> &instance, const Registry &registry, const VtableContract<Vtable> &contract,
                   const std::string &name, const boost::json::object &options) {
  const Component &component = registry.require(contract.kind, name);
  RawInstance raw = create_instance(registry, component, boost::json::serialize(options), VN_SIZE_THROUGH(Vtable, destroy));
  instance.self = raw.self;
  instance.vtable = static_cast<const Vtable *>(raw.vtable);
  instance.library = component.library;
  instance.name = name;
  if (!contract.complete(*instance.vtable)) {
    instance.self = nullptr;  // without destroy() it cannot be freed; leaking beats calling NULL
    throw Error(VN_E_INCOMPATIBLE, std::string(contract.word) + " '" + name + "': " + contract.members + " are required (VN-ABI-3)");
  }
}

}  // namespace vernier

#endif  // VERNIER_CORE_PLUGIN_HOST_REGISTRY_HPP

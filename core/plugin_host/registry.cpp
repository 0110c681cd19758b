#include "plugin_host/registry.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <shared_mutex>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include "plugin_host/abi_sizes.hpp"
#include "plugin_host/elf_symbols.hpp"
#include "base/error.hpp"
#include "base/json.hpp"
#include "plugin_host/plugin_trust.hpp"

namespace vernier {

namespace fs = std::filesystem;
namespace bj = boost::json;

struct LoadedLibrary {
  boost::dll::shared_library library;
};

const char *kind_name(uint32_t kind) {
  switch (kind) {
    case VN_KIND_SAMPLER: return "sampler";
    case VN_KIND_SURROGATE: return "surrogate";
    case VN_KIND_MODEL: return "model";
    case VN_KIND_SPLITTER: return "splitter";
  }
  return "unknown";
}

uint32_t kind_from_name(std::string_view name) {
  for (uint32_t k = VN_KIND_SAMPLER; k <= VN_KIND_SPLITTER; ++k)
    if (name == kind_name(k)) return k;
  return 0;
}

bool valid_component_name(const char *name) {
  if (name == nullptr || *name == '\0') return false;
  for (const char *c = name; *c != '\0'; ++c)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-')) return false;
  return true;
}

namespace {

bool is_shared_library(const fs::path &p) {
  std::string name = p.filename().string();
  return name.size() > 3 && name.compare(name.size() - 3, 3, ".so") == 0;
}

// The directories next to the module holding this code: libvernier.so in lib/ (installed or in the
// build tree), or an executable in bin/ when the core is linked statically (tests).
std::vector<std::string> install_directories() {
  std::vector<std::string> dirs;
  boost::system::error_code ec;
  fs::path here = boost::dll::this_line_location(ec);
  if (ec) return dirs;
  fs::path dir = here.parent_path();
  for (const fs::path &candidate : {dir / "vernier" / "plugins", dir.parent_path() / "lib" / "vernier" / "plugins"}) {
    std::error_code fec;
    if (fs::is_directory(candidate, fec)) dirs.push_back(fs::weakly_canonical(candidate, fec).string());
  }
  dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
  return dirs;
}

// The entries of a colon-separated list, empty ones included ("a::b" has three): an empty entry is
// refused by name rather than dropped, since the dynamic loader would read it as the working directory.
// An unset or empty variable has no entries.
std::vector<std::string> split_path_list(const char *list) {
  std::vector<std::string> out;
  if (list == nullptr || *list == '\0') return out;
  std::string s(list);
  for (std::size_t start = 0; start <= s.size();) {
    std::size_t colon = s.find(':', start);
    if (colon == std::string::npos) colon = s.size();
    out.push_back(s.substr(start, colon - start));
    start = colon + 1;
  }
  return out;
}

bool env_flag(const char *name) {
  const char *value = std::getenv(name);
  return value != nullptr && std::string_view(value) == "1";
}

constexpr const char *kUnsafeOptOut =
    "plugin code is loaded only from where nobody but root and you can change it (accept it anyway with "
    "--allow-unsafe-plugin-dirs, context option allow_unsafe_dirs)";

void host_log(const vn_host *host, int32_t severity, const char *utf8) {
  if (host == nullptr || host->host_data == nullptr) return;
  static_cast<const Registry *>(host->host_data)->log(severity, utf8 != nullptr ? utf8 : "");
}

vn_status registry_create(const vn_host *host, uint32_t kind, const char *name, const char *config_json,
                          void **out_instance, const void **out_vtable, char *err, size_t err_cap) {
  std::string message;
  vn_status status = sdk::firewall(message, [&] {
    if (host == nullptr || host->host_data == nullptr || name == nullptr) throw invalid_argument("registry: NULL argument");
    const Registry &registry = *static_cast<const Registry *>(host->host_data);
    const Component &c = registry.require(kind, name);
    vn_status s = c.descriptor->create(c.descriptor, registry.host(), config_json != nullptr ? config_json : "{}",
                                       out_instance, out_vtable, err, err_cap);
    // A positive status is reserved (status.h): read as an internal error, never passed on as success.
    if (s != VN_OK)
      throw Error(s < 0 ? s : VN_E_INTERNAL, err != nullptr && err_cap > 0 ? std::string(err) : std::string("create failed"));
  });
  if (status != VN_OK && err != nullptr && err_cap > 0) {
    std::snprintf(err, err_cap, "%s", message.c_str());
  }
  return status;
}

const vn_registry_v1 kRegistryExtension = {sizeof(vn_registry_v1), &registry_create};

const void *host_get_extension(const vn_host *, const char *id) {
  if (id != nullptr && std::string_view(id) == VN_EXT_REGISTRY) return &kRegistryExtension;
  return nullptr;
}

// Boost.DLL wraps dlerror()'s text, which names the file and the reason, in words of its own and a
// meaningless errno: "boost::dll::shared_library::load() failed (dlerror system message: X): Bad file
// descriptor". Only X says anything.
std::string load_failure(const std::string &what) {
  const std::string marker = "dlerror system message: ";
  const std::size_t start = what.find(marker);
  const std::size_t end = what.rfind("): ");
  if (start == std::string::npos || end == std::string::npos || end < start) return what;
  return what.substr(start + marker.size(), end - start - marker.size());
}

}  // namespace

Registry::Registry(RegistryOptions options) : options_(std::move(options)) {
  host_ = vn_host{sizeof(vn_host), VN_ABI_MAJOR, VN_ABI_MINOR, this, &host_log, &host_get_extension};
  if (options_.default_paths && env_flag("VERNIER_REPLACE_BUNDLED")) options_.replace_bundled = true;
  struct Source {
    std::string dir;
    const char *origin;  // where the directory was named, for messages; nullptr: a default
    bool bundled;
  };
  // The install directory first: its components are the bundled ones, which a plugin from the search
  // path may not silently replace.
  std::vector<Source> dirs;
  if (options_.default_paths)
    for (const std::string &d : install_directories()) dirs.push_back({d, nullptr, true});
  if (options_.default_paths)
    for (const std::string &d : split_path_list(std::getenv("VERNIER_PLUGIN_PATH")))
      dirs.push_back({d, "VERNIER_PLUGIN_PATH", false});
  for (const std::string &d : options_.plugin_path) dirs.push_back({d, "the plugin path option", false});
  for (const Source &source : dirs) {
    if (std::string problem = path_entry_problem(source.dir); !problem.empty()) {
      skipped_.push_back({source.dir.empty() ? "(empty entry)" : source.dir,
                          problem + " (from " + (source.origin != nullptr ? source.origin : "the defaults") + ")"});
      continue;
    }
    scan_directory(source.dir, source.origin, source.bundled);
  }
}

Registry::~Registry() = default;

void Registry::log(int32_t severity, const std::string &message) const {
  static std::mutex stderr_mutex;
  // A severity appended by a later minor (or a stray value) counts as the nearest one we know
  // (status.h): above error is an error, below debug is debug; both filtered and named as such.
  const int32_t known = std::clamp<int32_t>(severity, VN_LOG_DEBUG, VN_LOG_ERROR);
  if (known < options_.log_level) return;
  static const char *const names[] = {"debug", "info", "warning", "error"};
  std::lock_guard<std::mutex> lock(stderr_mutex);
  std::fprintf(stderr, "vernier: %s: %s\n", names[known - VN_LOG_DEBUG], message.c_str());
}

void Registry::scan_directory(const std::string &dir, const char *origin, bool bundled) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (origin != nullptr)
      throw not_found("plugin directory '" + dir + "' (from " + origin + ") does not exist or is not a directory");
    return;
  }
  std::string real;
  try {
    real = resolved_path(dir);
  } catch (const std::exception &e) {
    skipped_.push_back({dir, e.what()});
    return;
  }
  if (std::find(scanned_.begin(), scanned_.end(), real) != scanned_.end()) return;
  scanned_.push_back(real);
  search_path_.push_back(dir);
  if (!options_.allow_unsafe_dirs) {
    if (std::string reason = untrusted_reason(real); !reason.empty()) {
      skipped_.push_back({dir, "directory refused: " + reason + (real != dir ? " ('" + dir + "' resolves to '" + real + "')" : "") +
                                   "; " + kUnsafeOptOut});
      return;
    }
  }
  std::vector<fs::path> files;
  for (const auto &entry : fs::directory_iterator(dir, ec))
    if (is_shared_library(entry.path()) && entry.is_regular_file(ec)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());  // a stable order: the first library providing a name wins
  for (const fs::path &file : files) {
    try {
      const std::string real_file = resolved_path(file.string());
      if (std::string reason = refusal(file.string(), real_file); !reason.empty()) {
        skipped_.push_back({file.string(), reason});
        continue;
      }
      // The dynamic symbol table, read without loading the library: ordinary libraries are skipped
      // cheaply, and a file that is no shared library says so ("not an ELF file").
      std::vector<std::string> symbols = exported_symbols(real_file);
      if (std::find(symbols.begin(), symbols.end(), VN_PLUGIN_ENTRY_SYMBOL) == symbols.end()) {
        skipped_.push_back({file.string(), "no vernier_plugin_entry symbol: not a Vernier plugin (VN-ABI-1)"});
        continue;
      }
      // The resolved file is what was checked, so it is what gets mapped, whatever the link points to later.
      std::vector<std::unique_ptr<Component>> found = open_library(real_file, file.string());
      for (auto &c : found) c->bundled = bundled;
      register_discovered(std::move(found), file.string());
    } catch (const std::exception &e) {
      skipped_.push_back({file.string(), e.what()});
    }
  }
}

std::string Registry::refusal(const std::string &file, const std::string &real) const {
  if (options_.allow_unsafe_dirs) return "";
  std::string reason = untrusted_reason(real);
  if (reason.empty()) return "";
  return "library refused: " + reason + (real != file ? " ('" + file + "' resolves to '" + real + "')" : "") + "; " +
         kUnsafeOptOut;
}

void Registry::register_discovered(std::vector<std::unique_ptr<Component>> found, const std::string &file) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  for (auto &c : found) {
    const std::string who = std::string(kind_name(c->descriptor->kind)) + " named '" + c->descriptor->name + "'";
    const Component *existing = find_locked(c->descriptor->kind, c->descriptor->name);
    if (existing == nullptr) {
      components_.push_back(keep(std::move(c)));
      continue;
    }
    if (!existing->bundled || c->bundled) {
      skipped_.push_back({file, "a " + who + " is already provided by an earlier library (" + existing->path + ")"});
      continue;
    }
    if (!options_.replace_bundled) {
      skipped_.push_back({file, "a " + who + " is bundled with Vernier (" + existing->path +
                                    "); a plugin replaces a bundled component only when VERNIER_REPLACE_BUNDLED=1 is set"});
      continue;
    }
    log(VN_LOG_WARNING, file + " replaces the bundled " + who + " from " + existing->path + " (VERNIER_REPLACE_BUNDLED)");
    c->replaces = existing->path;
    components_.erase(std::find(components_.begin(), components_.end(), existing));
    components_.push_back(keep(std::move(c)));
  }
}

std::vector<std::unique_ptr<Component>> Registry::open_library(const std::string &path, const std::string &listed_as) {
  auto loaded = std::make_shared<LoadedLibrary>();
  try {
    loaded->library.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception &e) {
    throw Error(VN_E_INVALID, "cannot load: " + load_failure(e.what()));
  }
  if (!loaded->library.has(VN_PLUGIN_ENTRY_SYMBOL))
    throw Error(VN_E_INVALID, "no vernier_plugin_entry symbol: not a Vernier plugin (VN-ABI-1)");
  auto &entry_fn = loaded->library.get<const vn_plugin_entry *(uint32_t)>(VN_PLUGIN_ENTRY_SYMBOL);
  const vn_plugin_entry *entry = nullptr;
  try {
    entry = entry_fn(VN_ABI_MAJOR);
  } catch (...) {
    throw Error(VN_E_INVALID, "vernier_plugin_entry threw an exception (VN-ABI-5: entry points never throw)");
  }
  if (entry == nullptr)
    throw Error(VN_E_INCOMPATIBLE, "the plugin refused ABI major " + std::to_string(VN_ABI_MAJOR) +
                                       ": it was built for another major version (VN-ABI-2)");
  if (entry->struct_size < abi_1_0::kPluginEntrySize)
    throw Error(VN_E_INCOMPATIBLE, "vn_plugin_entry.struct_size is " + std::to_string(entry->struct_size) +
                                       ", smaller than the " + std::to_string(abi_1_0::kPluginEntrySize) +
                                       " bytes of ABI 1.0 (VN-ABI-2)");
  if (entry->abi_major != VN_ABI_MAJOR)
    throw Error(VN_E_INCOMPATIBLE, "built for ABI " + std::to_string(entry->abi_major) + "." +
                                       std::to_string(entry->abi_minor) + ", this Vernier speaks ABI " +
                                       std::to_string(VN_ABI_MAJOR) + ".x (VN-ABI-2)");
  if (entry->n_components == 0 || entry->components == nullptr)
    throw Error(VN_E_INVALID, "the entry lists no components (VN-ABI-3)");
  std::vector<std::unique_ptr<Component>> out;
  std::vector<std::string> unknown_kinds;
  for (uint32_t i = 0; i < entry->n_components; ++i) {
    const vn_component *d = entry->components[i];
    std::string where = "component " + std::to_string(i);
    if (d == nullptr) throw Error(VN_E_INVALID, where + " is NULL (VN-ABI-3)");
    if (d->struct_size < abi_1_0::kComponentSize)
      throw Error(VN_E_INCOMPATIBLE, where + ": struct_size " + std::to_string(d->struct_size) + " is too small (VN-ABI-2)");
    if (!valid_component_name(d->name))
      throw Error(VN_E_INVALID, where + ": name must be non-empty [a-z0-9_-] (VN-ABI-3)");
    if (kind_from_name(kind_name(d->kind)) == 0) {
      // A kind from a later minor version: skip this component, keep the library's others.
      unknown_kinds.push_back(std::string(d->name) + " (kind " + std::to_string(d->kind) + ")");
      continue;
    }
    where = std::string(kind_name(d->kind)) + " '" + d->name + "'";
    if (d->create == nullptr || d->version == nullptr || d->summary == nullptr || d->options_json == nullptr)
      throw Error(VN_E_INVALID, where + ": create, version, summary and options_json are required (VN-ABI-3)");
    auto c = std::make_unique<Component>();
    c->descriptor = d;
    c->library = loaded;
    c->path = listed_as;
    c->options = json::parse_object(d->options_json, where + " options_json");
    if (d->default_space_json != nullptr) c->default_space = json::parse(d->default_space_json, where + " default_space_json");
    out.push_back(std::move(c));
  }
  for (const std::string &name : unknown_kinds)
    log(VN_LOG_INFO, listed_as + ": component " + name + " is of a kind this Vernier does not know; skipped");
  if (out.empty()) throw Error(VN_E_INCOMPATIBLE, "no component of a kind this Vernier knows");
  return out;
}

std::vector<const Component *> Registry::load(const std::string &path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw not_found("plugin library '" + path + "' does not exist");
  std::vector<std::unique_ptr<Component>> loaded;
  try {
    const std::string absolute = fs::absolute(path, ec).string();
    loaded = open_library(absolute, absolute);
  } catch (const Error &e) {
    throw Error(e.status(), "plugin library '" + path + "': " + e.what());
  }
  std::vector<const Component *> out;
  std::unique_lock<std::shared_mutex> lock(mutex_);
  for (auto &c : loaded) {
    // Only unlisted: the replaced component and its library live on (keep()), since an instance made
    // from it through "vn.registry/1" may still be running its code.
    components_.erase(std::remove_if(components_.begin(), components_.end(),
                                     [&](const Component *old) {
                                       return old->descriptor->kind == c->descriptor->kind &&
                                              std::string_view(old->descriptor->name) == c->descriptor->name;
                                     }),
                      components_.end());
    out.push_back(keep(std::move(c)));
    components_.push_back(out.back());
  }
  return out;
}

const Component *Registry::keep(std::unique_ptr<Component> c) {
  if (std::find(libraries_.begin(), libraries_.end(), c->library) == libraries_.end()) libraries_.push_back(c->library);
  owned_.push_back(std::move(c));
  return owned_.back().get();
}

const Component *Registry::find_locked(uint32_t kind, std::string_view name) const {
  for (const Component *c : components_)
    if (c->descriptor->kind == kind && name == c->descriptor->name) return c;
  return nullptr;
}

std::vector<std::string> Registry::names_locked(uint32_t kind) const {
  std::vector<std::string> out;
  for (const Component *c : components_)
    if (c->descriptor->kind == kind) out.emplace_back(c->descriptor->name);
  std::sort(out.begin(), out.end());
  return out;
}

const Component *Registry::find(uint32_t kind, std::string_view name) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return find_locked(kind, name);
}

const Component &Registry::require(uint32_t kind, std::string_view name) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  if (const Component *c = find_locked(kind, name)) return *c;
  std::string available;
  for (const std::string &n : names_locked(kind)) available += (available.empty() ? "" : ", ") + n;
  throw not_found(std::string("unknown ") + kind_name(kind) + " '" + std::string(name) + "' (available: " +
                  (available.empty() ? std::string("none found") : available) + ")");
}

std::vector<std::string> Registry::names(uint32_t kind) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return names_locked(kind);
}

std::vector<const Component *> Registry::components() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return components_;
}

bj::object Registry::report() const {
  bj::array plugins, skipped, path;
  for (const Component *c : components()) {
    const vn_component &d = *c->descriptor;
    bj::object plugin{{"kind", kind_name(d.kind)},
                      {"name", d.name},
                      {"version", d.version},
                      {"summary", d.summary},
                      {"path", c->path},
                      {"bundled", c->bundled},
                      {"options", c->options},
                      {"default_space", c->default_space}};
    if (!c->replaces.empty()) plugin["replaces"] = c->replaces;
    plugins.push_back(std::move(plugin));
  }
  for (const Skipped &s : skipped_) skipped.push_back(bj::object{{"path", s.path}, {"reason", s.reason}});
  for (const std::string &p : search_path_) path.push_back(bj::value(p));
  return bj::object{{"plugins", std::move(plugins)}, {"skipped", std::move(skipped)}, {"search_path", std::move(path)}};
}

RawInstance create_instance(const Registry &registry, const Component &component, const std::string &config_json,
                            std::size_t minimum_vtable_size) {
  const vn_component &d = *component.descriptor;
  std::string who = std::string(kind_name(d.kind)) + " '" + d.name + "'";
  char err[1024] = {0};
  RawInstance out;
  vn_status status = VN_E_INTERNAL;
  try {
    status = d.create(&d, registry.host(), config_json.c_str(), &out.self, &out.vtable, err, sizeof err);
  } catch (...) {
    throw Error(VN_E_INTERNAL, who + ": create threw an exception (VN-ABI-5: entry points never throw)");
  }
  err[sizeof err - 1] = '\0';
  if (status != VN_OK)
    throw Error(status < 0 ? status : VN_E_INTERNAL,
                who + ": " + (err[0] != '\0' ? std::string(err) : "create failed with status " + std::to_string(status)));
  if (out.self == nullptr || out.vtable == nullptr)
    throw Error(VN_E_INTERNAL, who + ": create returned VN_OK without an instance or vtable (VN-ABI-3)");
  // A vtable too small to hold destroy cannot be destroyed: the instance is leaked, never called through.
  const uint32_t size = *static_cast<const uint32_t *>(out.vtable);
  const std::size_t size_1_0 = abi_1_0::vtable_size(d.kind);
  if (size < size_1_0)
    throw Error(VN_E_INCOMPATIBLE, who + ": vtable struct_size " + std::to_string(size) + " is smaller than ABI 1.0's " +
                                       std::to_string(size_1_0) + " (VN-ABI-2)");
  if (size < minimum_vtable_size)
    throw Error(VN_E_INCOMPATIBLE, who + ": vtable struct_size " + std::to_string(size) + " is smaller than the " +
                                       std::to_string(minimum_vtable_size) +
                                       " bytes this host needs: the plugin is of an older ABI minor (VN-ABI-2)");
  return out;
}

}  // namespace vernier

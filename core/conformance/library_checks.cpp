// The checks of a plugin library as a whole: see library_checks.hpp.
#include "conformance/library_checks.hpp"

#include <algorithm>
#include <filesystem>

#include "plugin_host/abi_sizes.hpp"
#include "plugin_host/registry.hpp"
#include "space/search_space.hpp"
#include "plugin_host/elf_symbols.hpp"
#include "conformance/recording_host.hpp"

namespace vernier::conformance {

namespace bj = boost::json;

namespace {

// Calls the entry function, turning an escaping exception into a failure of the calling check.
const vn_plugin_entry *call_entry(const Library &lib, uint32_t major) {
  try {
    return lib.entry_fn(major);
  } catch (...) {
    fail("vernier_plugin_entry(" + std::to_string(major) + ") threw an exception (VN-ABI-5: entry points never throw)");
  }
}

std::string list_text(const std::vector<std::string> &items, std::size_t max = 10) {
  std::string s;
  for (std::size_t i = 0; i < items.size() && i < max; ++i) s += (i > 0 ? ", " : "") + items[i];
  if (items.size() > max) s += ", ... (" + std::to_string(items.size()) + " in all)";
  return s;
}

// One descriptor against VN-ABI-3; returns its kind and name for the report.
std::string check_descriptor(const vn_component *d, uint32_t index) {
  std::string where = "component " + std::to_string(index);
  if (d == nullptr) fail(where + " is NULL");
  if (d->struct_size < abi_1_0::kComponentSize)
    fail(where + ": struct_size " + std::to_string(d->struct_size) + " is smaller than the " +
         std::to_string(abi_1_0::kComponentSize) + " bytes of ABI 1.0 (VN-ABI-2)");
  if (!valid_component_name(d->name)) fail(where + ": name must be a non-empty [a-z0-9_-]+ identifier");
  // The kinds the host's registry knows are the kinds a library may declare.
  const std::string kind = kind_name(d->kind);
  if (kind == "unknown") fail(where + " ('" + d->name + "'): unknown kind " + std::to_string(d->kind));
  where = kind + " '" + d->name + "'";
  if (d->create == nullptr) fail(where + ": create is NULL");
  if (d->version == nullptr || *d->version == '\0') fail(where + ": version is empty");
  if (d->summary == nullptr || *d->summary == '\0') fail(where + ": summary is empty");
  if (std::string(d->summary).find('\n') != std::string::npos) fail(where + ": summary must be one line");
  if (d->options_json == nullptr) fail(where + ": options_json is NULL (at least {\"options\": {}})");
  bj::value options;
  try {
    options = bj::parse(d->options_json);
  } catch (const std::exception &e) {
    fail(where + ": options_json is not valid JSON: " + e.what());
  }
  const bj::value *list = options.is_object() ? options.as_object().if_contains("options") : nullptr;
  if (list == nullptr || !list->is_object()) fail(where + ": options_json must be an object with an \"options\" object");
  for (const auto &[name, spec] : list->as_object())
    if (!spec.is_object()) fail(where + ": option '" + std::string(name) + "' must be described by an object");
  if (d->kind == VN_KIND_MODEL) {
    if (d->default_space_json == nullptr) fail(where + ": a model needs a default_space_json");
    try {
      Space::from_json(bj::parse(d->default_space_json), "default_space_json");
    } catch (const std::exception &e) {
      fail(where + ": default_space_json is not a valid search space: " + e.what());
    }
  } else if (d->default_space_json != nullptr) {
    fail(where + ": default_space_json is for models; a " + kind + " leaves it NULL");
  }
  return where;
}

}  // namespace

void library_checks(Library &lib, CheckList &list) {
  const bool readable = list.run("library.file", "VN-ABI-1", "the file is a readable ELF shared library", [&] {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(lib.path, ec)) fail("'" + lib.path + "' does not exist or is not a file");
    lib.symbols = exported_symbols(lib.path);
    return std::string();
  });
  if (!readable) return;
  const bool has_entry = list.run("library.entry_symbol", "VN-ABI-1", "it exports the function vernier_plugin_entry", [&] {
    if (std::find(lib.symbols.begin(), lib.symbols.end(), VN_PLUGIN_ENTRY_SYMBOL) == lib.symbols.end())
      fail("no vernier_plugin_entry among its exported symbols" +
           (lib.symbols.empty() ? std::string(" (it exports none)") : " (" + list_text(lib.symbols) + ")") +
           ": not a Vernier plugin");
    return std::string();
  });
  list.run("library.one_symbol", "VN-ABI-1", "vernier_plugin_entry is its only exported symbol", [&] {
    std::vector<std::string> extra;
    for (const std::string &s : lib.symbols)
      if (s != VN_PLUGIN_ENTRY_SYMBOL) extra.push_back(s);
    if (!extra.empty())
      fail("it also exports " + list_text(extra) +
           "; build with -fvisibility=hidden and the version script cmake/plugin-exports.map");
    return std::string();
  });
  if (!has_entry) return;
  const bool loaded = list.run("library.loads", "VN-ABI-1", "it loads (all its dependencies resolve) and the entry resolves", [&] {
    try {
      // Absolute, as Registry::load does: dlopen would look a bare file name up in the system paths.
      lib.library.load(std::filesystem::absolute(lib.path), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
      lib.entry_fn = &lib.library.get<const vn_plugin_entry *(uint32_t)>(VN_PLUGIN_ENTRY_SYMBOL);
    } catch (const std::exception &e) {
      fail(std::string("cannot load: ") + e.what());
    }
    return std::string();
  });
  if (!loaded) return;
  list.run("library.foreign_major", "VN-ABI-2", "the entry returns NULL for an ABI major it was not built for", [&] {
    for (uint32_t major : {VN_ABI_MAJOR + 1, 0u})
      if (call_entry(lib, major) != nullptr)
        fail("vernier_plugin_entry(" + std::to_string(major) + ") returned a table; it must return NULL for any major "
             "but VN_ABI_MAJOR (" + std::to_string(VN_ABI_MAJOR) + ")");
    return std::string();
  });
  const bool entry_ok = list.run("library.entry", "VN-ABI-2",
                                 "for our major the entry returns a table of our major with at least one component", [&] {
    const vn_plugin_entry *e = call_entry(lib, VN_ABI_MAJOR);
    if (e == nullptr) fail("vernier_plugin_entry(" + std::to_string(VN_ABI_MAJOR) + ") returned NULL: built for another major");
    if (e->struct_size < abi_1_0::kPluginEntrySize)
      fail("vn_plugin_entry.struct_size is " + std::to_string(e->struct_size) + ", smaller than the " +
           std::to_string(abi_1_0::kPluginEntrySize) + " bytes of ABI 1.0 (VN-ABI-2)");
    if (e->abi_major != VN_ABI_MAJOR)
      fail("the table says ABI " + std::to_string(e->abi_major) + "." + std::to_string(e->abi_minor) +
           "; this Vernier speaks ABI " + std::to_string(VN_ABI_MAJOR) + ".x");
    if (e->n_components == 0 || e->components == nullptr) fail("the table lists no components");
    lib.entry = e;
    return "ABI " + std::to_string(e->abi_major) + "." + std::to_string(e->abi_minor) + ", " +
           std::to_string(e->n_components) + " component(s)";
  });
  if (!entry_ok) return;
  list.run("library.entry_static", "VN-ABI-3", "the entry returns the same static table every time", [&] {
    const vn_plugin_entry *again = call_entry(lib, VN_ABI_MAJOR);
    if (again != lib.entry) fail("a second call returned a different table");
    return std::string();
  });
  list.run("library.descriptors", "VN-ABI-3",
           "each descriptor has a name, version, one-line summary, options_json, create, and models a default space", [&] {
    std::vector<std::string> seen;
    for (uint32_t i = 0; i < lib.entry->n_components; ++i) {
      std::string who = check_descriptor(lib.entry->components[i], i);
      if (std::find(seen.begin(), seen.end(), who) != seen.end()) fail("two components are named " + who);
      seen.push_back(who);
    }
    return list_text(seen);
  });
  list.run("library.utf8", "VN-ABI-4", "every descriptor string is NUL-terminated UTF-8", [&] {
    for (uint32_t i = 0; i < lib.entry->n_components; ++i) {
      const vn_component *d = lib.entry->components[i];
      if (d == nullptr) continue;  // library.descriptors says so
      for (const char *text : {d->name, d->version, d->summary, d->options_json, d->default_space_json})
        if (text != nullptr && !valid_utf8(text)) fail("component " + std::to_string(i) + ": a string is not valid UTF-8");
    }
    return std::string();
  });
}

}  // namespace vernier::conformance

// Plugin discovery: search path rules and error messages (broken libraries: tests/conformance).
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "plugin_host/plugin_trust.hpp"
#include "plugin_host/registry.hpp"
#include "space/search_space.hpp"
#include "vernier/plugin/sampler.h"

using namespace vernier;

TEST_CASE("the build plugin directory provides grid and random") {
  RegistryOptions o;
  o.default_paths = false;
  o.plugin_path = {VERNIER_PLUGIN_BUILD_DIR};
  Registry r(o);
  auto names = r.names(VN_KIND_SAMPLER);
  CHECK(std::find(names.begin(), names.end(), "grid") != names.end());
  CHECK(std::find(names.begin(), names.end(), "random") != names.end());
  const Component &random = r.require(VN_KIND_SAMPLER, "random");
  CHECK_THAT(random.path, Catch::Contains("libvernier-random.so"));
  CHECK(random.options.contains("options"));
  CHECK_THROWS_WITH(r.require(VN_KIND_SAMPLER, "tpee"), Catch::Contains("unknown sampler 'tpee' (available: ") &&
                                                                 Catch::Contains("grid") && Catch::Contains("random"));
}

TEST_CASE("the install directory next to the core is found without any variable") {
  Registry r{RegistryOptions{}};
  CHECK(r.find(VN_KIND_SAMPLER, "random") != nullptr);
}

TEST_CASE("a named directory that does not exist is an error") {
  RegistryOptions o;
  o.default_paths = false;
  o.plugin_path = {"/nonexistent/vernier-plugins"};
  CHECK_THROWS_WITH(Registry(o), Catch::Contains("plugin directory '/nonexistent/vernier-plugins' (from the plugin path option) does not exist"));
}

// ---- trust: where plugin code may come from (core/plugin_host/plugin_trust.hpp, docs/plugin-guide.md) ---------

namespace {

namespace fs = std::filesystem;

// A private scratch directory in the build tree (0755 below directories only root or the user can
// change), unlike fs::temp_directory_path(): /tmp is world-writable, so nothing under it is trusted.
struct Scratch {
  fs::path dir;
  Scratch() {
    static int counter = 0;
    dir = fs::path(VERNIER_BINARY_DIR) / "tests" / ("registry-scratch-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(++counter));
    fs::remove_all(dir);
    fs::create_directories(dir);
    ::chmod(dir.c_str(), 0755);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  // A new directory of the given mode holding a copy of the random sampler, named `library`.
  fs::path plugin_dir(const std::string &name, mode_t mode = 0755, const std::string &library = "libvernier-random.so") const {
    fs::path d = dir / name;
    fs::create_directories(d);
    fs::copy_file(fs::path(VERNIER_PLUGIN_BUILD_DIR) / "libvernier-random.so", d / library,
                  fs::copy_options::overwrite_existing);
    ::chmod((d / library).c_str(), 0755);
    ::chmod(d.c_str(), mode);
    return d;
  }
};

// A registry of the given directories alone.
RegistryOptions only(std::vector<std::string> dirs, bool allow_unsafe = false) {
  RegistryOptions o;
  o.default_paths = false;
  o.plugin_path = std::move(dirs);
  o.allow_unsafe_dirs = allow_unsafe;
  return o;
}

// The reason `path` was skipped, or "(not skipped)".
std::string skip_reason(const Registry &r, const fs::path &path) {
  for (const Skipped &s : r.skipped())
    if (s.path == path.string()) return s.reason;
  return "(not skipped)";
}

// Sets an environment variable for one scope, restoring the previous value after.
struct ScopedEnv {
  std::string name;
  bool had = false;
  std::string old;
  ScopedEnv(const char *n, const char *value) : name(n) {
    if (const char *v = std::getenv(n)) had = true, old = v;
    if (value != nullptr) ::setenv(n, value, 1);
    else ::unsetenv(n);
  }
  ~ScopedEnv() {
    if (had) ::setenv(name.c_str(), old.c_str(), 1);
    else ::unsetenv(name.c_str());
  }
};

}  // namespace

TEST_CASE("the build tree's plugin directory and a private scratch directory are trusted", "[registry][trust]") {
  const Scratch scratch;
  Registry r(only({VERNIER_PLUGIN_BUILD_DIR, scratch.plugin_dir("safe", 0755, "librandom-copy.so").string()}));
  CHECK(r.find(VN_KIND_SAMPLER, "random") != nullptr);
  for (const Skipped &s : r.skipped()) CHECK_THAT(s.reason, !Catch::Contains("refused"));
}

TEST_CASE("a directory writable by group or others is refused unless allowed", "[registry][trust]") {
  const Scratch scratch;
  for (mode_t mode : {mode_t{0777}, mode_t{0775}, mode_t{01777}}) {
    INFO("mode " << std::oct << mode);
    const fs::path dir = scratch.plugin_dir("shared-" + std::to_string(mode), mode);
    {
      Registry r(only({dir.string()}));
      CHECK(r.find(VN_KIND_SAMPLER, "random") == nullptr);
      CHECK_THAT(skip_reason(r, dir), Catch::Contains("directory refused") &&
                                          Catch::Contains(mode == 0775 ? "writable by its group" : "writable by others") &&
                                          Catch::Contains("--allow-unsafe-plugin-dirs"));
    }
    Registry allowed(only({dir.string()}, true));
    CHECK(allowed.find(VN_KIND_SAMPLER, "random") != nullptr);
  }
}

TEST_CASE("a world-writable library in a safe directory is refused", "[registry][trust]") {
  const Scratch scratch;
  const fs::path dir = scratch.plugin_dir("safe");
  ::chmod((dir / "libvernier-random.so").c_str(), 0777);
  Registry r(only({dir.string()}));
  CHECK(r.find(VN_KIND_SAMPLER, "random") == nullptr);
  CHECK_THAT(skip_reason(r, dir / "libvernier-random.so"),
             Catch::Contains("library refused") && Catch::Contains("libvernier-random.so' is writable by others"));
  CHECK(Registry(only({dir.string()}, true)).find(VN_KIND_SAMPLER, "random") != nullptr);
}

TEST_CASE("a symlink into a world-writable directory is judged by where it leads", "[registry][trust]") {
  const Scratch scratch;
  const fs::path open = scratch.plugin_dir("open", 01777);
  const fs::path dir = scratch.dir / "safe";
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0755);
  fs::create_symlink(open / "libvernier-random.so", dir / "librandom-link.so");
  Registry r(only({dir.string()}));
  CHECK(r.find(VN_KIND_SAMPLER, "random") == nullptr);
  CHECK_THAT(skip_reason(r, dir / "librandom-link.so"),
             Catch::Contains("'" + open.string() + "' is writable by others") && Catch::Contains("resolves to"));

  // A symlinked directory is judged by its target as well.
  fs::create_directory_symlink(open, scratch.dir / "dir-link");
  Registry through_link(only({(scratch.dir / "dir-link").string()}));
  CHECK(through_link.find(VN_KIND_SAMPLER, "random") == nullptr);
  CHECK_THAT(skip_reason(through_link, scratch.dir / "dir-link"),
             Catch::Contains("writable by others") && Catch::Contains("resolves to '" + open.string() + "'"));
}

TEST_CASE("a safe directory inside a world-writable one is refused, and so is anything under /tmp", "[registry][trust]") {
  const Scratch scratch;
  const fs::path parent = scratch.dir / "open-parent";
  fs::create_directories(parent);
  const fs::path dir = scratch.plugin_dir("open-parent/safe");
  ::chmod(parent.c_str(), 0777);
  Registry r(only({dir.string()}));
  CHECK(r.find(VN_KIND_SAMPLER, "random") == nullptr);
  CHECK_THAT(skip_reason(r, dir), Catch::Contains("'" + parent.string() + "' is writable by others"));

  // Unless this build itself lies under /tmp: a directory above Vernier's own code is trusted as far as
  // that code is (plugin_trust.hpp), so /tmp then refuses nothing the build's own libraries would not.
  const std::string tmp_dir = resolved_path(fs::temp_directory_path().string());
  const std::string code_dir = fs::path(resolved_path("/proc/self/exe")).parent_path().string();
  if (code_dir.rfind(tmp_dir + "/", 0) != 0) {
    const fs::path in_tmp = fs::path(tmp_dir) / ("vernier-trust-" + std::to_string(::getpid()));
    fs::create_directories(in_tmp);
    ::chmod(in_tmp.c_str(), 0700);
    Registry tmp(only({in_tmp.string()}));
    CHECK_THAT(skip_reason(tmp, in_tmp), Catch::Contains("is writable by others") && Catch::Contains("like /tmp"));
    fs::remove_all(in_tmp);
  }
}

TEST_CASE("a directory or library owned by another user (not root) is refused", "[registry][trust]") {
  if (::geteuid() != 0) {
    WARN("not root: cannot give files to another user; skipped");
    return;
  }
  const Scratch scratch;
  const uid_t nobody = 65534;
  const fs::path dir = scratch.plugin_dir("theirs");
  REQUIRE(::chown(dir.c_str(), nobody, nobody) == 0);
  Registry r(only({dir.string()}));
  CHECK(r.find(VN_KIND_SAMPLER, "random") == nullptr);
  CHECK_THAT(skip_reason(r, dir), Catch::Contains("is owned by") && Catch::Contains("uid 65534") &&
                                      Catch::Contains("neither root nor you"));

  const fs::path mine = scratch.plugin_dir("mine");
  REQUIRE(::chown((mine / "libvernier-random.so").c_str(), nobody, nobody) == 0);
  Registry file(only({mine.string()}));
  CHECK(file.find(VN_KIND_SAMPLER, "random") == nullptr);
  CHECK_THAT(skip_reason(file, mine / "libvernier-random.so"), Catch::Contains("library refused") && Catch::Contains("uid 65534"));
  CHECK(Registry(only({mine.string()}, true)).find(VN_KIND_SAMPLER, "random") != nullptr);
}

TEST_CASE("relative and empty plugin path entries are refused, even with unsafe directories allowed", "[registry][trust]") {
  {
    const ScopedEnv path("VERNIER_PLUGIN_PATH", ".");
    RegistryOptions o;
    o.allow_unsafe_dirs = true;
    Registry r(o);
    CHECK_THAT(skip_reason(r, "."), Catch::Contains("relative plugin path entry '.'") &&
                                        Catch::Contains("(from VERNIER_PLUGIN_PATH)"));
    CHECK(std::find(r.search_path().begin(), r.search_path().end(), ".") == r.search_path().end());
  }
  {
    const ScopedEnv path("VERNIER_PLUGIN_PATH", (std::string(VERNIER_PLUGIN_BUILD_DIR) + "::plugins").c_str());
    Registry r{RegistryOptions{}};
    CHECK_THAT(skip_reason(r, "(empty entry)"), Catch::Contains("empty plugin path entry"));
    CHECK_THAT(skip_reason(r, "plugins"), Catch::Contains("relative plugin path entry 'plugins'"));
    CHECK(r.find(VN_KIND_SAMPLER, "random") != nullptr);
  }
  Registry option(only({"build/plugins"}));
  CHECK_THAT(skip_reason(option, "build/plugins"), Catch::Contains("relative") && Catch::Contains("(from the plugin path option)"));
}

TEST_CASE("files that are no shared library are skipped with a reason that says so") {
  const Scratch scratch;
  const fs::path dir = scratch.dir;
  { std::FILE *f = std::fopen((dir / "libempty.so").c_str(), "w"); std::fclose(f); }
  { std::FILE *f = std::fopen((dir / "libtext.so").c_str(), "w"); std::fputs("not a library\n", f); std::fclose(f); }
  fs::copy_file(fs::path(VERNIER_PLUGIN_BUILD_DIR) / "libvernier-random.so", dir / "libcut.so");
  fs::resize_file(dir / "libcut.so", 200);  // the ELF header survives, the section headers do not
  RegistryOptions o;
  o.default_paths = false;
  o.plugin_path = {dir.string()};
  Registry r(o);
  REQUIRE(r.skipped().size() == 3);
  for (const auto &s : r.skipped()) {
    INFO(s.path << ": " << s.reason);
    if (s.path.find("libcut.so") != std::string::npos) CHECK_THAT(s.reason, Catch::Contains("truncated ELF file"));
    else CHECK_THAT(s.reason, Catch::Contains("not an ELF file"));
  }
}

// ---- library lifetime and threads (plugin.h: libraries stay loaded while the host lives) ----------

namespace {

namespace fs = std::filesystem;

// A private directory holding copies of the random sampler under other file names: each copy is a
// library of its own to the dynamic loader, which the registry can load, replace and (wrongly) unload.
struct RandomCopies {
  fs::path dir = fs::temp_directory_path() / ("vernier-registry-copies-" + std::to_string(::getpid()));
  explicit RandomCopies(int n) {
    fs::create_directories(dir);
    for (int i = 0; i < n; ++i)
      fs::copy_file(fs::path(VERNIER_PLUGIN_BUILD_DIR) / "libvernier-random.so", path(i),
                    fs::copy_options::overwrite_existing);
  }
  ~RandomCopies() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string path(int i) const { return (dir / ("librandom-copy-" + std::to_string(i) + ".so")).string(); }
};

Registry empty_registry() {
  RegistryOptions o;
  o.default_paths = false;
  return Registry(o);
}

const vn_registry_v1 &registry_extension(const Registry &r) {
  const void *ext = r.host()->get_extension(r.host(), VN_EXT_REGISTRY);
  REQUIRE(ext != nullptr);
  return *static_cast<const vn_registry_v1 *>(ext);
}

// An instance made through "vn.registry/1", as the GP sampler makes its surrogate: it holds no
// reference to its library; only the registry keeps that loaded.
struct ExtensionInstance {
  void *self = nullptr;
  const vn_sampler_vtable *vtable = nullptr;
  ExtensionInstance(const Registry &r, const char *name) {
    char err[256] = {0};
    const void *vt = nullptr;
    const vn_status s = registry_extension(r).create(r.host(), VN_KIND_SAMPLER, name, "{}", &self, &vt, err, sizeof err);
    INFO(err);
    REQUIRE(s == VN_OK);
    vtable = static_cast<const vn_sampler_vtable *>(vt);
  }
  ~ExtensionInstance() { vtable->destroy(self); }
  // One suggestion of x in [0, 1], from the plugin's code.
  double suggest(int64_t trial) {
    static const Space space = Space::from_json(boost::json::parse(R"([{"name": "x", "type": "float", "low": 0, "high": 1}])"));
    const vn_history history{sizeof(vn_history), 1, 0, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
    double x = -1;
    REQUIRE(vtable->suggest(self, &space.view(), &history, 7, &trial, 1, &x) == VN_OK);
    return x;
  }
};

}  // namespace

TEST_CASE("a library replaced by a later load stays loaded for the instances made from it", "[registry]") {
  const RandomCopies copies(2);
  Registry r = empty_registry();
  REQUIRE(r.load(copies.path(0)).size() == 1);
  const Component *first = r.find(VN_KIND_SAMPLER, "random");
  REQUIRE(first != nullptr);
  ExtensionInstance instance(r, "random");
  const double before = instance.suggest(3);

  // The second copy replaces "random": if that unloaded the first copy, the calls below would run
  // unmapped code (a crash, or a use-after-unmap under ASan).
  REQUIRE(r.load(copies.path(1)).size() == 1);
  CHECK(instance.suggest(3) == before);
  const Component *second = r.find(VN_KIND_SAMPLER, "random");
  REQUIRE(second != nullptr);
  CHECK(second != first);
  CHECK(second->path == copies.path(1));
  CHECK(r.names(VN_KIND_SAMPLER) == std::vector<std::string>{"random"});
  // A Component reference handed out earlier (require() returns one) stays valid after a replacement.
  CHECK(first->path == copies.path(0));
  ExtensionInstance fresh(r, "random");
  CHECK(fresh.suggest(3) == before);  // the same plugin code, now from the second copy
}

TEST_CASE("instances are created while another thread loads plugins into the same registry", "[registry]") {
  constexpr int kLoads = 12, kCopies = 3;
  const RandomCopies copies(kCopies);
  Registry r = empty_registry();
  r.load(copies.path(0));
  const vn_registry_v1 &extension = registry_extension(r);  // Catch2's assertions only on this thread
  std::atomic<int> ready{0};
  std::atomic<bool> loading{true};
  std::string creator_error;
  int created = 0;
  std::thread creator([&] {
    ready.fetch_add(1);
    while (ready.load() < 2) std::this_thread::yield();  // both threads start together
    // Until the loader is done, and at least a few times: create, use and destroy an instance,
    // and read the registry's lists, all while load() rewrites them.
    while (loading.load() || created < 20) {
      char err[256] = {0};
      void *self = nullptr;
      const void *vt = nullptr;
      if (extension.create(r.host(), VN_KIND_SAMPLER, "random", "{}", &self, &vt, err, sizeof err) != VN_OK) {
        creator_error = err;
        return;
      }
      static_cast<const vn_sampler_vtable *>(vt)->destroy(self);
      if (r.names(VN_KIND_SAMPLER).size() != 1 || r.report().at("plugins").as_array().size() != 1) {
        creator_error = "the registry listed other than one sampler while loading";
        return;
      }
      ++created;
    }
  });
  ready.fetch_add(1);
  while (ready.load() < 2) std::this_thread::yield();
  std::string loader_error;
  try {
    for (int i = 0; i < kLoads; ++i) r.load(copies.path(i % kCopies));
  } catch (const std::exception &e) {
    loader_error = e.what();
  }
  loading.store(false);
  creator.join();
  CHECK(loader_error.empty());
  CHECK(creator_error.empty());
  CHECK(created >= 20);
  CHECK(r.find(VN_KIND_SAMPLER, "random")->path == copies.path((kLoads - 1) % kCopies));
}

// ---- the host's logger: severities it does not know (status.h: append-only) ----------------------

namespace {

// What f writes to stderr (file descriptor 2), captured through a temporary file.
template <class F>
std::string captured_stderr(F &&f) {
  std::fflush(stderr);
  FILE *capture = std::tmpfile();
  REQUIRE(capture != nullptr);
  const int saved = ::dup(2);
  ::dup2(::fileno(capture), 2);
  f();
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::rewind(capture);
  std::string out;
  for (int c; (c = std::fgetc(capture)) != EOF;) out.push_back(static_cast<char>(c));
  std::fclose(capture);
  return out;
}

}  // namespace

TEST_CASE("the host logs an unknown severity as the nearest one it knows", "[registry]") {
  for (int32_t level : {VN_LOG_DEBUG, VN_LOG_ERROR}) {
    RegistryOptions o;
    o.default_paths = false;
    o.log_level = level;
    Registry r(o);
    const std::string text = captured_stderr([&] {
      r.host()->log(r.host(), VN_LOG_ERROR + 5, "from a later minor");
      r.host()->log(r.host(), VN_LOG_DEBUG - 3, "below debug");
      r.host()->log(r.host(), INT32_MIN, "the least int32");
    });
    INFO("log_level " << level << ", stderr:\n" << text);
    CHECK_THAT(text, Catch::Contains("vernier: error: from a later minor\n"));
    if (level == VN_LOG_DEBUG) {
      CHECK_THAT(text, Catch::Contains("vernier: debug: below debug\n"));
      CHECK_THAT(text, Catch::Contains("vernier: debug: the least int32\n"));
    } else {
      CHECK_THAT(text, !Catch::Contains("below debug") && !Catch::Contains("the least int32"));
    }
  }
}

TEST_CASE("a plugin named like a bundled one replaces it only on request, and that is logged", "[registry][trust]") {
  const Scratch scratch;
  const fs::path dir = scratch.plugin_dir("user", 0755, "libmy-random.so");
  const ScopedEnv path("VERNIER_PLUGIN_PATH", dir.string().c_str());
  {
    const ScopedEnv replace("VERNIER_REPLACE_BUNDLED", nullptr);
    Registry r{RegistryOptions{}};  // the install directory (the build tree's) holds the bundled random
    const Component *random = r.find(VN_KIND_SAMPLER, "random");
    REQUIRE(random != nullptr);
    CHECK(random->bundled);
    CHECK(random->path != (dir / "libmy-random.so").string());
    CHECK_THAT(skip_reason(r, dir / "libmy-random.so"),
               Catch::Contains("a sampler named 'random' is bundled with Vernier") &&
                   Catch::Contains("VERNIER_REPLACE_BUNDLED=1"));
  }
  for (bool by_env : {true, false}) {
    INFO((by_env ? "VERNIER_REPLACE_BUNDLED=1" : "RegistryOptions::replace_bundled"));
    const ScopedEnv replace("VERNIER_REPLACE_BUNDLED", by_env ? "1" : nullptr);
    RegistryOptions o;
    o.replace_bundled = !by_env;
    std::unique_ptr<Registry> r;
    const std::string log = captured_stderr([&] { r = std::make_unique<Registry>(o); });
    const Component *random = r->find(VN_KIND_SAMPLER, "random");
    REQUIRE(random != nullptr);
    CHECK(random->path == (dir / "libmy-random.so").string());
    CHECK_FALSE(random->bundled);
    CHECK_THAT(random->replaces, Catch::Contains("libvernier-random.so"));
    const std::vector<std::string> names = r->names(VN_KIND_SAMPLER);
    CHECK(std::count(names.begin(), names.end(), "random") == 1);
    CHECK_THAT(log, Catch::Contains("vernier: warning: " + (dir / "libmy-random.so").string() +
                                    " replaces the bundled sampler named 'random'"));
    CHECK(r->report().at("plugins").as_array().size() == r->components().size());
  }
}

// Plugin discovery: search path rules and error messages (broken libraries: tests/conformance).
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "error.hpp"
#include "registry.hpp"
#include "space.hpp"
#include "vernier/sampler.h"

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

TEST_CASE("a directory writable by others is refused unless allowed") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("vernier-unsafe-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(fs::path(VERNIER_PLUGIN_BUILD_DIR) / "libvernier-random.so", dir / "libvernier-random.so",
                fs::copy_options::overwrite_existing);
  ::chmod(dir.c_str(), 0777);
  RegistryOptions o;
  o.default_paths = false;
  o.plugin_path = {dir.string()};
  {
    Registry r(o);
    CHECK(r.find(VN_KIND_SAMPLER, "random") == nullptr);
    REQUIRE(r.skipped().size() == 1);
    CHECK_THAT(r.skipped()[0].reason, Catch::Contains("writable by group or others"));
  }
  o.allow_unsafe_dirs = true;
  {
    Registry r(o);
    CHECK(r.find(VN_KIND_SAMPLER, "random") != nullptr);
  }
  fs::remove_all(dir);
}

TEST_CASE("files that are no shared library are skipped with a reason that says so") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("vernier-not-libraries-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0755);
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
  fs::remove_all(dir);
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

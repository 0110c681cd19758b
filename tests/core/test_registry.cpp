// Plugin discovery: search path rules and error messages (broken libraries: tests/conformance).
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "error.hpp"
#include "registry.hpp"

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

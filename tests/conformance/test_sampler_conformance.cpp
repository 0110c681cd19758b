// The conformance report of every plugin the build produced, of the plain C plugin, and of the report
// machinery itself (its shape, the C API entry, the ELF reader it relies on).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "conformance/check.hpp"
#include "plugin_host/elf_symbols.hpp"
#include "plugin_host/registry.hpp"
#include "plugin_host/sampler.hpp"
#include "space/search_space.hpp"
#include "storage/storage.hpp"
#include "study/study.hpp"
#include "vernier/vernier.h"

namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;
using vernier::conformance::check_plugin_library;

const std::string kCPlugin = VERNIER_TEST_PLUGIN_DIR "/good/libc_sampler.so";

std::vector<std::string> plugin_files(const std::string &dir) {
  std::vector<std::string> out;
  for (const auto &entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".so") out.push_back(entry.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Every failed check of a report, one per line, for the test log.
std::string failures(const bj::object &report) {
  std::string out;
  auto add = [&out](const bj::array &checks, const std::string &where) {
    for (const bj::value &c : checks)
      if (!c.at("passed").as_bool())
        out += where + c.at("id").as_string().c_str() + " (" + c.at("rule").as_string().c_str() + ", " +
               c.at("level").as_string().c_str() + "): " + c.at("message").as_string().c_str() + "\n";
  };
  add(report.at("checks").as_array(), "");
  for (const bj::value &component : report.at("components").as_array())
    add(component.at("checks").as_array(), std::string(component.at("name").as_string().c_str()) + ": ");
  return out.empty() ? "no failed checks" : out;
}

const bj::object *find_check(const bj::array &checks, const std::string &id) {
  for (const bj::value &c : checks)
    if (c.at("id").as_string() == id) return &c.as_object();
  return nullptr;
}

}  // namespace

TEST_CASE("every plugin of the build passes its conformance report", "[conformance]") {
  const std::vector<std::string> files = plugin_files(VERNIER_PLUGIN_BUILD_DIR);
  std::set<std::string> samplers;
  for (const std::string &file : files) {
    const bj::object report = check_plugin_library(file);
    INFO(file << ":\n" << failures(report));
    CHECK(report.at("passed").as_bool());
    const bj::object *one_symbol = find_check(report.at("checks").as_array(), "library.one_symbol");
    REQUIRE(one_symbol != nullptr);
    CHECK(one_symbol->at("passed").as_bool());
    for (const bj::value &component : report.at("components").as_array()) {
      if (component.at("kind").as_string() == "sampler") samplers.insert(component.at("name").as_string().c_str());
      CHECK(component.at("passed").as_bool());
    }
  }
  // Not vacuous: the bundled samplers were found and went through the whole suite.
  CHECK(samplers.count("grid") == 1);
  CHECK(samplers.count("random") == 1);
}

TEST_CASE("a sampler written in plain C passes the sampler suite", "[conformance]") {
  const bj::object report = check_plugin_library(kCPlugin);
  INFO(failures(report));
  REQUIRE(report.at("passed").as_bool());
  const bj::array &components = report.at("components").as_array();
  REQUIRE(components.size() == 1);
  CHECK(components[0].at("name").as_string() == "c-hash");
  const bj::array &checks = components[0].at("checks").as_array();
  for (const char *id : {"sampler.create", "sampler.unknown_option", "sampler.bounds", "sampler.history",
                         "sampler.batch", "sampler.one_param", "sampler.options", "sampler.determinism",
                         "sampler.trial_numbers_vary", "sampler.exhausted", "sampler.views_not_kept",
                         "sampler.threads", "sampler.minimal_host", "sampler.last_error", "sampler.firewall",
                         "sampler.buffers", "sampler.host_services"}) {
    INFO(id);
    const bj::object *c = find_check(checks, id);
    REQUIRE(c != nullptr);
    CHECK(c->at("passed").as_bool());
  }
}

// VN-ABI-2: a plugin built against 1.0 keeps loading and passing after later minors append members.
TEST_CASE("a plugin with the ABI 1.0 struct sizes passes its report and runs", "[conformance]") {
  const std::string path = VERNIER_TEST_PLUGIN_DIR "/good/libabi_1_0_sampler.so";
  const bj::object report = check_plugin_library(path);
  INFO(failures(report));
  CHECK(report.at("passed").as_bool());
  const bj::object *entry = find_check(report.at("checks").as_array(), "library.entry");
  REQUIRE(entry != nullptr);
  CHECK(entry->at("message").as_string() == "ABI 1.0, 1 component(s)");
  REQUIRE(report.at("components").as_array().size() == 1);
  const bj::object *create = find_check(report.at("components").as_array()[0].at("checks").as_array(), "sampler.create");
  REQUIRE(create != nullptr);
  CHECK(create->at("passed").as_bool());

  vernier::RegistryOptions options;
  options.default_paths = false;
  vernier::Registry registry(options);
  registry.load(path);
  vernier::SamplerHandle sampler(registry, "abi-1-0", {});
  const vernier::Space space = vernier::Space::from_json(bj::parse(R"([{"name": "x", "type": "float", "low": 2, "high": 3}])"));
  const vn_history history{sizeof(vn_history), 1, 0, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
  std::vector<double> out;
  sampler.suggest(space, history, 1, {0}, out);
  CHECK(out == std::vector<double>{2.0});
}

// status.h: severities are append-only, and a host logs one it does not know as the nearest it knows.
TEST_CASE("a log severity the host does not know is a warning in the report, not a failure", "[conformance]") {
  const bj::object report = check_plugin_library(VERNIER_TEST_PLUGIN_DIR "/good/libfuture_severity.so");
  INFO(failures(report));
  CHECK(report.at("passed").as_bool());
  REQUIRE(report.at("components").as_array().size() == 1);
  const bj::array &checks = report.at("components").as_array()[0].at("checks").as_array();
  const bj::object *services = find_check(checks, "sampler.host_services");
  REQUIRE(services != nullptr);
  CHECK(services->at("passed").as_bool());
  const bj::object *severity = find_check(checks, "sampler.log_severity");
  REQUIRE(severity != nullptr);
  CHECK_FALSE(severity->at("passed").as_bool());
  CHECK(severity->at("level").as_string() == "warning");
  CHECK(severity->at("rule").as_string() == "VN-ABI-9");
  const std::string message = severity->at("message").as_string().c_str();
  CHECK_THAT(message, Catch::Matchers::Contains("severity " + std::to_string(VN_LOG_ERROR + 1)) &&
                          Catch::Matchers::Contains("logs it as an error") &&
                          Catch::Matchers::Contains("severity " + std::to_string(VN_LOG_DEBUG - 1)) &&
                          Catch::Matchers::Contains("logs it as debug"));
}

TEST_CASE("a plain C sampler runs a study", "[conformance]") {
  vernier::RegistryOptions options;
  options.default_paths = false;
  options.plugin_path = {VERNIER_TEST_PLUGIN_DIR "/good"};
  vernier::Registry registry(options);
  auto config = vernier::StudyConfig::parse(bj::parse(R"({"name": "c", "sampler": {"plugin": "c-hash", "seed": 5},
      "space": [{"name": "x", "type": "float", "low": -1, "high": 1},
                {"name": "k", "type": "categorical", "choices": ["a", "b"]},
                {"name": "n", "type": "int", "low": 1, "high": 9, "condition": {"parent": "k", "values": ["b"]}}]})")
                                                    .as_object());
  vernier::Study study(registry, config, vernier::make_memory_storage());
  for (int i = 0; i < 10; ++i) {
    vernier::AskedTrial trial = study.ask();
    study.space().check_point(trial.params.data());
    study.tell(trial.number, VN_TRIAL_COMPLETE, trial.params[0]);
  }
  CHECK(study.count(VN_TRIAL_COMPLETE) == 10);
}

TEST_CASE("every check of a report carries its id, rule, title, verdict, level and message", "[conformance]") {
  const bj::object report = check_plugin_library(kCPlugin);
  CHECK(report.at("path").as_string() == kCPlugin);
  std::vector<std::string> ids;
  for (const bj::value &c : report.at("checks").as_array()) {
    for (const char *key : {"id", "rule", "title", "level", "message"}) CHECK(c.at(key).is_string());
    CHECK(c.at("passed").is_bool());
    ids.emplace_back(c.at("id").as_string().c_str());
  }
  CHECK(ids == std::vector<std::string>{"library.file", "library.entry_symbol", "library.one_symbol", "library.loads",
                                        "library.foreign_major", "library.entry", "library.entry_static",
                                        "library.descriptors", "library.utf8", "library.registry"});
}

TEST_CASE("a missing or non-plugin file is a failed check, not an error", "[conformance]") {
  const bj::object missing = check_plugin_library("/nonexistent/libnothing.so");
  CHECK_FALSE(missing.at("passed").as_bool());
  const bj::object *file = find_check(missing.at("checks").as_array(), "library.file");
  REQUIRE(file != nullptr);
  CHECK_FALSE(file->at("passed").as_bool());

  const std::string text = (fs::temp_directory_path() / "vernier-conformance-not-elf.so").string();
  std::ofstream(text) << "not a shared library\n";
  const bj::object not_elf = check_plugin_library(text);
  std::remove(text.c_str());
  CHECK_FALSE(not_elf.at("passed").as_bool());
  CHECK_THAT(failures(not_elf), Catch::Matchers::Contains("not an ELF file"));
}

TEST_CASE("a bare file name is the file in the working directory, as for any other path", "[conformance]") {
  const fs::path before = fs::current_path();
  fs::current_path(fs::path(kCPlugin).parent_path());
  const bj::object report = check_plugin_library("libc_sampler.so");  // dlopen alone would search the system paths
  fs::current_path(before);
  INFO(failures(report));
  CHECK(report.at("passed").as_bool());
}

TEST_CASE("vn_check_plugin returns the report through the C API", "[conformance][c_api]") {
  vn_context *ctx = nullptr;
  REQUIRE(vn_context_new(R"({"default_paths": false})", &ctx) == VN_OK);
  char *json = nullptr;
  REQUIRE(vn_check_plugin(ctx, kCPlugin.c_str(), &json) == VN_OK);
  REQUIRE(json != nullptr);
  const bj::value report = bj::parse(json);
  vn_free(json);
  CHECK(report.at("passed").as_bool());
  CHECK(report.at("components").as_array().size() == 1);

  // The library was checked privately: the context's registry did not gain its component.
  char *plugins = nullptr;
  REQUIRE(vn_context_plugins_json(ctx, &plugins) == VN_OK);
  CHECK(bj::parse(plugins).at("plugins").as_array().empty());
  vn_free(plugins);

  // A broken path is a verdict (VN_OK, passed false); NULL arguments are an error.
  REQUIRE(vn_check_plugin(ctx, "/nonexistent/lib.so", &json) == VN_OK);
  CHECK_FALSE(bj::parse(json).at("passed").as_bool());
  vn_free(json);
  CHECK(vn_check_plugin(ctx, nullptr, &json) == VN_E_INVALID);
  CHECK(vn_check_plugin(ctx, kCPlugin.c_str(), nullptr) == VN_E_INVALID);
  CHECK(std::string(vn_last_error()).find("vn_check_plugin") != std::string::npos);
  vn_context_free(ctx);
}

TEST_CASE("the exported symbols are read from .dynsym, imports excluded", "[conformance]") {
  using vernier::exported_symbols;
  // c_sampler imports malloc, snprintf, exp...; only its definition counts.
  CHECK(exported_symbols(kCPlugin) == std::vector<std::string>{"vernier_plugin_entry"});
  std::vector<std::string> extra = exported_symbols(VERNIER_TEST_PLUGIN_DIR "/broken/libbroken_extra_symbol.so");
  std::sort(extra.begin(), extra.end());
  CHECK(extra == std::vector<std::string>{"vernier_plugin_entry", "vernier_plugin_helper"});
  CHECK_THROWS_WITH(exported_symbols("/nonexistent.so"), Catch::Matchers::Contains("cannot open"));
}

TEST_CASE("a failed warning-level check does not fail the verdict", "[conformance]") {
  vernier::conformance::CheckList list;
  list.run("a.pass", "VN-ABI-8", "passes", [] { return std::string("note"); });
  list.run("a.warn", "VN-ABI-8", "warns", []() -> std::string { vernier::conformance::fail("odd"); }, true);
  CHECK(list.passed());
  list.run("a.throw", "VN-ABI-8", "throws", []() -> std::string { throw std::logic_error("bug"); });
  CHECK_FALSE(list.passed());
  const bj::array json = list.to_json();
  CHECK(json[1].at("level").as_string() == "warning");
  CHECK(json[2].at("message").as_string() == "the check itself failed: bug");
}

// Deliberately broken plugins (tests/conformance/plugins/broken_*): the host must skip or refuse each one
// with a message naming it and the rule it breaks, keep working with the good plugins next to them, and
// the conformance report must fail each one on exactly the expected check.
#include <algorithm>
#include <cmath>
#include <utility>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "plugin_host/abi_sizes.hpp"
#include "conformance/check.hpp"
#include "base/error.hpp"
#include "plugin_host/registry.hpp"
#include "plugin_host/sampler.hpp"
#include "storage/storage.hpp"
#include "study/study.hpp"

namespace {

namespace bj = boost::json;
using Catch::Matchers::Contains;

const std::string kBrokenDir = VERNIER_TEST_PLUGIN_DIR "/broken";

std::string broken_library(const std::string &name) { return kBrokenDir + "/libbroken_" + name + ".so"; }

vernier::RegistryOptions broken_and_good() {
  vernier::RegistryOptions options;
  options.default_paths = false;
  options.plugin_path = {kBrokenDir, VERNIER_PLUGIN_BUILD_DIR};
  return options;
}

std::string skip_reason(const vernier::Registry &registry, const std::string &name) {
  for (const vernier::Skipped &s : registry.skipped())
    if (s.path == broken_library(name)) return s.reason;
  return "(not skipped)";
}

const vernier::Space &two_params() {
  static const vernier::Space space = vernier::Space::from_json(bj::parse(R"([
      {"name": "x", "type": "float", "low": 0, "high": 1},
      {"name": "c", "type": "categorical", "choices": ["a", "b"]}])"));
  return space;
}

const vn_history &empty_history() {
  static const vn_history history{sizeof(vn_history), 2, 0, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
  return history;
}

// The message of the vernier::Error that f throws ("no error" when it throws none).
template <class F>
std::string error_of(F &&f) {
  try {
    f();
  } catch (const vernier::Error &e) {
    return e.what();
  }
  return "no error";
}

std::string suggest_error(const vernier::Registry &registry, const std::string &name) {
  return error_of([&] {
    vernier::SamplerHandle sampler(registry, name, {});
    std::vector<double> out;
    sampler.suggest(two_params(), empty_history(), 1, {0}, out);
  });
}

// Every failed error-level check of a report as "id rule", library checks and components' alike.
std::vector<std::string> failed_checks(const bj::object &report) {
  std::vector<std::string> out;
  auto add = [&out](const bj::array &checks) {
    for (const bj::value &c : checks)
      if (!c.at("passed").as_bool() && c.at("level").as_string() == "error")
        out.push_back(std::string(c.at("id").as_string().c_str()) + " " + c.at("rule").as_string().c_str());
  };
  add(report.at("checks").as_array());
  for (const bj::value &component : report.at("components").as_array()) add(component.at("checks").as_array());
  std::sort(out.begin(), out.end());
  return out;
}

std::string joined(const std::vector<std::string> &items) {
  std::string s;
  for (const std::string &i : items) s += i + "; ";
  return s;
}

}  // namespace

TEST_CASE("discovery skips libraries that break the entry rules, naming the rule", "[conformance][broken]") {
  vernier::Registry registry(broken_and_good());
  CHECK_THAT(skip_reason(registry, "no_entry"), Contains("vernier_plugin_entry") && Contains("VN-ABI-1"));
  CHECK_THAT(skip_reason(registry, "major_99"), Contains("ABI 99") && Contains("VN-ABI-2"));
  CHECK_THAT(skip_reason(registry, "refuses_major"), Contains("refused ABI major") && Contains("VN-ABI-2"));
  CHECK(registry.find(VN_KIND_SAMPLER, "broken-major-99") == nullptr);
  // Those whose bugs only show when used are registered like any other, next to the good ones.
  for (const char *name : {"broken-create-fails", "broken-out-of-bounds", "broken-throws-create",
                           "broken-throws-suggest", "broken-extra-symbol", "broken-stateful", "broken-null-last-error",
                           "broken-small-vtable", "random", "grid"}) {
    INFO(name);
    CHECK(registry.find(VN_KIND_SAMPLER, name) != nullptr);
  }
}

TEST_CASE("misbehaving samplers are refused by name with the problem, and the host survives", "[conformance][broken]") {
  vernier::Registry registry(broken_and_good());
  SECTION("create fails with a message") {
    CHECK_THAT(suggest_error(registry, "broken-create-fails"),
               Contains("sampler 'broken-create-fails'") && Contains("always refuses to be created"));
  }
  SECTION("create throws a C++ exception through the C ABI") {
    CHECK_THAT(suggest_error(registry, "broken-throws-create"),
               Contains("sampler 'broken-throws-create'") && Contains("threw") && Contains("VN-ABI-5"));
  }
  SECTION("suggest throws a C++ exception through the C ABI") {
    CHECK_THAT(suggest_error(registry, "broken-throws-suggest"),
               Contains("sampler 'broken-throws-suggest'") && Contains("threw") && Contains("VN-ABI-5"));
  }
  SECTION("suggest returns a point outside the bounds") {
    CHECK_THAT(suggest_error(registry, "broken-out-of-bounds"),
               Contains("sampler 'broken-out-of-bounds'") && Contains("invalid point") && Contains("outside"));
  }
  SECTION("the vtable is smaller than ABI 1.0's") {
    CHECK_THAT(suggest_error(registry, "broken-small-vtable"),
               Contains("sampler 'broken-small-vtable'") && Contains("VN-ABI-2") &&
                   Contains("smaller than ABI 1.0's " + std::to_string(vernier::abi_1_0::kSamplerVtableSize)));
  }
  SECTION("the bugs conformance alone can see leave a working sampler") {
    for (const char *name : {"broken-extra-symbol", "broken-stateful", "broken-null-last-error"}) {
      INFO(name);
      CHECK(suggest_error(registry, name) == "no error");
    }
  }
}

TEST_CASE("good plugins keep working in a registry that holds broken ones", "[conformance][broken]") {
  vernier::Registry registry(broken_and_good());
  for (const char *name : {"broken-create-fails", "broken-throws-create", "broken-throws-suggest", "broken-out-of-bounds"})
    CHECK(suggest_error(registry, name) != "no error");

  auto config = vernier::StudyConfig::parse(bj::parse(R"({"name": "after-broken",
      "sampler": {"plugin": "random", "seed": 3},
      "space": [{"name": "x", "type": "float", "low": 0, "high": 1},
                {"name": "c", "type": "categorical", "choices": ["a", "b"]}]})")
                                                    .as_object());
  vernier::Study study(registry, config, vernier::make_memory_storage());
  for (int i = 0; i < 5; ++i) {
    vernier::AskedTrial trial = study.ask();
    study.space().check_point(trial.params.data());
    study.tell(trial.number, VN_TRIAL_COMPLETE, std::sin(trial.params[0]));
  }
  CHECK(study.count(VN_TRIAL_COMPLETE) == 5);
}

TEST_CASE("the conformance report fails each broken library on the rule it breaks", "[conformance][broken]") {
  struct Expectation {
    const char *library;
    std::vector<std::string> must_fail;  // "id rule" of checks that must fail (in any component)
    bool only;                           // ...and no other error-level check may
  };
  const std::vector<Expectation> expectations = {
      {"no_entry", {"library.entry_symbol VN-ABI-1", "library.one_symbol VN-ABI-1"}, true},
      {"major_99", {"library.entry VN-ABI-2", "library.foreign_major VN-ABI-2"}, true},
      {"refuses_major", {"library.entry VN-ABI-2"}, true},
      {"create_fails", {"sampler.create VN-ABI-3"}, false},  // its refusal does not name the option either
      {"throws", {"sampler.create VN-ABI-3", "sampler.firewall VN-ABI-5"}, false},
      {"out_of_bounds", {"sampler.bounds sampler.h"}, false},
      {"extra_symbol", {"library.one_symbol VN-ABI-1"}, true},
      {"stateful", {"sampler.determinism VN-ABI-8"}, false},
      {"null_last_error", {"sampler.last_error VN-ABI-5"}, true},
      {"small_vtable", {"sampler.create VN-ABI-3"}, false},  // every check that creates an instance fails
      // It also reads, at predict, features of fit's rows it was not given (its copy of the whole dataset).
      {"row_cache", {"model.predict_other_dataset VN-ABI-6", "model.fit_reads_only_its_rows VN-ABI-10"}, true},
      {"first_fit", {"model.refit VN-ABI-6", "model.failed_fit model.h"}, true},  // a refused second fit is ignored too
      {"overrun", {"sampler.buffers VN-ABI-6"}, true},  // one row past the output, caught by the guard page
      {"segfault", {"sampler.bounds sampler.h", "sampler.history sampler.h"}, false},  // every check that suggests
      {"abort", {"sampler.bounds sampler.h", "sampler.history sampler.h"}, false},
  };
  for (const Expectation &e : expectations) {
    const bj::object report = vernier::conformance::check_plugin_library(broken_library(e.library));
    const std::vector<std::string> failed = failed_checks(report);
    INFO(e.library << ": failed checks: " << joined(failed));
    CHECK_FALSE(report.at("passed").as_bool());
    for (const std::string &id : e.must_fail) CHECK(std::count(failed.begin(), failed.end(), id) >= 1);
    if (e.only) CHECK(failed.size() == e.must_fail.size());
  }
}

namespace {

// The check `id` of the first component of a report.
const bj::object &component_check(const bj::object &report, const std::string &id) {
  for (const bj::value &c : report.at("components").as_array().at(0).at("checks").as_array())
    if (c.at("id").as_string() == id) return c.as_object();
  FAIL("no check " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a vtable smaller than ABI 1.0's is refused naming VN-ABI-2 and its 1.0 size", "[conformance][broken]") {
  const bj::object report = vernier::conformance::check_plugin_library(broken_library("small_vtable"));
  const bj::object &create = component_check(report, "sampler.create");
  CHECK_FALSE(create.at("passed").as_bool());
  CHECK_THAT(std::string(create.at("message").as_string().c_str()),
             Contains("vn_sampler_vtable.struct_size is " +
                      std::to_string(vernier::abi_1_0::kSamplerVtableSize - sizeof(void (*)())) + ", smaller than the " +
                      std::to_string(vernier::abi_1_0::kSamplerVtableSize) + " bytes of ABI 1.0 (VN-ABI-2)"));
}

// The checks that catch these two models are the only ones that can: the older checks of stored views
// and of determinism pass for both, and the same model without the bug passes every check.
TEST_CASE("a model that predicts from fit's rows, or ignores a second fit, is caught by its own check",
          "[conformance][broken]") {
  const bj::object good = vernier::conformance::check_plugin_library(VERNIER_TEST_PLUGIN_DIR "/good/libmini_model.so");
  INFO("mini-model: failed checks: " << joined(failed_checks(good)));
  CHECK(good.at("passed").as_bool());
  for (const char *id : {"model.predict_other_dataset", "model.refit", "model.views_not_kept", "model.determinism"})
    CHECK(component_check(good, id).at("passed").as_bool());

  const bj::object row_cache = vernier::conformance::check_plugin_library(broken_library("row_cache"));
  CHECK(component_check(row_cache, "model.views_not_kept").at("passed").as_bool());
  CHECK_THAT(std::string(component_check(row_cache, "model.predict_other_dataset").at("message").as_string().c_str()),
             Contains("instead of the view predict is given (VN-ABI-6)"));

  const bj::object first_fit = vernier::conformance::check_plugin_library(broken_library("first_fit"));
  CHECK(component_check(first_fit, "model.determinism").at("passed").as_bool());
  CHECK_THAT(std::string(component_check(first_fit, "model.refit").at("message").as_string().c_str()),
             Contains("a fit must replace the previous one entirely"));
}

// ---- crash isolation and guard pages (core/conformance/isolation.hpp, guarded_buffer.hpp) ----------

namespace {

std::vector<std::string> check_ids(const bj::array &checks) {
  std::vector<std::string> ids;
  for (const bj::value &c : checks) ids.emplace_back(c.at("id").as_string().c_str());
  return ids;
}

std::string message_of(const bj::object &check) { return check.at("message").as_string().c_str(); }

}  // namespace

TEST_CASE("a sampler writing one row past its output fails sampler.buffers, and nothing else dies",
          "[conformance][broken][isolation]") {
  const bj::object report = vernier::conformance::check_plugin_library(broken_library("overrun"));
  const bj::object &buffers = component_check(report, "sampler.buffers");
  CHECK_FALSE(buffers.at("passed").as_bool());
  CHECK_THAT(message_of(buffers), Contains("wrote outside its count x n_params output buffer (past the end)"));
  CHECK_FALSE(report.at("passed").as_bool());
}

TEST_CASE("a sampler that segfaults or aborts fails each check it crashes, naming the signal, and the report is whole",
          "[conformance][broken][isolation]") {
  // The checks a sampler's report lists, from a well-behaved one: a crashing plugin's report has them all.
  const bj::object good = vernier::conformance::check_plugin_library(VERNIER_TEST_PLUGIN_DIR "/good/libc_sampler.so");
  const std::vector<std::string> all_ids = check_ids(good.at("components").as_array().at(0).at("checks").as_array());
  REQUIRE(all_ids.size() > 10);
  for (const auto &[library, signal] : {std::pair<const char *, const char *>{"segfault", "SIGSEGV"}, {"abort", "SIGABRT"}}) {
    INFO(library);
    const bj::object report = vernier::conformance::check_plugin_library(broken_library(library));
    CHECK_FALSE(report.at("passed").as_bool());
    CHECK(report.at("checks").as_array().size() == good.at("checks").as_array().size());  // no library.process
    const bj::array &checks = report.at("components").as_array().at(0).at("checks").as_array();
    CHECK(check_ids(checks) == all_ids);
    CHECK(component_check(report, "sampler.create").at("passed").as_bool());  // create does not crash
    for (const char *id : {"sampler.bounds", "sampler.batch", "sampler.determinism", "sampler.threads"}) {
      INFO(id);
      const bj::object &check = component_check(report, id);
      CHECK_FALSE(check.at("passed").as_bool());
      CHECK_THAT(message_of(check), Contains("the plugin crashed the process running this check: killed by " +
                                             std::string(signal)));
    }
  }
}

// The probes catch what escapes a model's or splitter's call inside the catch block (what_escaped rethrows
// the exception in flight: outside one, std::terminate killed the child and the report said SIGABRT).
TEST_CASE("a model or splitter whose call throws fails its firewall check naming the call, and nothing dies",
          "[conformance][broken][isolation]") {
  const bj::object report =
      vernier::conformance::check_plugin_library(VERNIER_TEST_PLUGIN_DIR "/throwing/libbroken_throws_calls.so");
  const bj::array &components = report.at("components").as_array();
  REQUIRE(components.size() == 2);
  const struct {
    const char *check, *says;
  } expected[] = {{"model.firewall", "fit threw a C++ exception across the C ABI: broken-throws-fit"},
                  {"splitter.firewall", "threw a C++ exception across the C ABI: broken-throws-n-splits"}};
  for (std::size_t i = 0; i < 2; ++i) {
    INFO(expected[i].check);
    bool found = false;
    for (const bj::value &c : components.at(i).at("checks").as_array()) {
      CHECK_THAT(message_of(c.as_object()), !Contains("crashed"));
      if (c.at("id").as_string() != expected[i].check) continue;
      found = true;
      CHECK_FALSE(c.at("passed").as_bool());
      CHECK_THAT(message_of(c.as_object()), Contains(expected[i].says));
    }
    CHECK(found);
  }
}

// The planted leaky models (VN-ABI-10) fail exactly the check of the leak they carry, with a message naming
// the rule, and the same model without the leak passes both.
TEST_CASE("a model that reads rows fit was not given, or targets at predict, fails the VN-ABI-10 check",
          "[conformance][broken][leak]") {
  const bj::object good = vernier::conformance::check_plugin_library(VERNIER_TEST_PLUGIN_DIR "/good/libmini_model.so");
  for (const char *id : {"model.fit_reads_only_its_rows", "model.predict_ignores_targets"})
    CHECK(component_check(good, id).at("passed").as_bool());

  const struct {
    const char *library, *check, *says;
  } leaks[] = {{"leaky_fit", "model.fit_reads_only_its_rows", "fit reads rows outside `rows` (VN-ABI-10"},
               {"leaky_predict", "model.predict_ignores_targets", "predict reads targets (VN-ABI-10"}};
  for (const auto &leak : leaks) {
    const bj::object report =
        vernier::conformance::check_plugin_library(std::string(VERNIER_TEST_PLUGIN_DIR "/leaky/lib") + leak.library + ".so");
    const std::vector<std::string> failed = failed_checks(report);
    INFO(leak.library << ": failed checks: " << joined(failed));
    CHECK_FALSE(report.at("passed").as_bool());
    CHECK(failed == std::vector<std::string>{std::string(leak.check) + " VN-ABI-10"});
    CHECK_THAT(std::string(component_check(report, leak.check).at("message").as_string().c_str()), Contains(leak.says));
  }
}

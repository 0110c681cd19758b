// vernier.hpp: studies from configs, ask and tell, the typed getters of a trial, and the results.
#include <cmath>
#include <limits>
#include <optional>

#include "cpp_api_support.hpp"

using namespace cpp_api_test;
using vernier::TrialState;

namespace {

// Every parameter type, and a float active only when "opt" is "b".
const std::string kMixedConfig = R"({"name": "cpp-api", "direction": "minimize",
  "space": [{"name": "x", "type": "float", "low": -1, "high": 1},
            {"name": "n", "type": "int", "low": 1, "high": 5},
            {"name": "opt", "type": "categorical", "choices": ["a", "b"]},
            {"name": "momentum", "type": "float", "low": 0, "high": 1,
             "condition": {"parent": "opt", "values": ["b"]}}],
  "sampler": {"plugin": "random", "seed": 3}})";

}  // namespace

TEST_CASE("A bad config throws Error with the status and the message of vn_study_create", "[cpp_api]") {
  vernier::Context context(kContextOptions);
  std::string message = expect_error(
      [&] { vernier::Study s(context, R"({"space": [{"name": "x", "type": "float", "low": 2, "high": 1}]})"); },
      VN_E_INVALID, "space");
  // Word for word what the C API says about the same config.
  vn_study *raw = nullptr;
  REQUIRE(vn_study_create(context.get(), R"({"space": [{"name": "x", "type": "float", "low": 2, "high": 1}]})", &raw) ==
          VN_E_INVALID);
  CHECK(message == vn_last_error());
  CHECK(raw == nullptr);

  expect_c_error([&] { vernier::Study s(context, "{\"space\": [\n  {\"name\": }]}"); }, VN_E_INVALID, "line 2");
  expect_c_error([&] { vernier::Study s(context, R"({"space": [{"name": "x", "type": "int", "low": 0, "high": 3}], "sampler": "no-such-sampler"})"); },
                 VN_E_NOT_FOUND, "no-such-sampler");
}

TEST_CASE("Ask, read the parameters, report and tell", "[cpp_api]") {
  vernier::Context context(kContextOptions);
  vernier::Study study(context, kMixedConfig);
  CHECK_FALSE(study.best().has_value());  // nothing complete yet

  bool saw_inactive = false, saw_active = false;
  for (int64_t i = 0; i < 12; ++i) {
    vernier::Trial trial = study.ask();
    REQUIRE(trial.number() == i);
    double x = trial.get_float("x");
    CHECK((x >= -1 && x <= 1));
    int64_t n = trial.get_int("n");
    CHECK((n >= 1 && n <= 5));
    std::string opt = trial.get_categorical("opt");
    CHECK((opt == "a" || opt == "b"));
    CHECK(trial.is_active("x"));
    CHECK(trial.is_active("momentum") == (opt == "b"));
    if (opt == "b") {
      saw_active = true;
      double m = trial.get_float("momentum");
      CHECK((m >= 0 && m <= 1));
      CHECK(has(trial.params_json(), R"("momentum":)"));
    } else {
      saw_inactive = true;
      expect_c_error([&] { trial.get_float("momentum"); }, VN_E_STATE, "momentum");
      CHECK_FALSE(has(trial.params_json(), "momentum"));
    }
    CHECK(has(trial.params_json(), R"("x":)"));
    trial.report(0, x + 1);
    CHECK_FALSE(trial.should_prune());  // no pruner
    study.tell(trial, x * x + static_cast<double>(n));
  }
  CHECK(saw_active);
  CHECK(saw_inactive);
  CHECK(study.count() == 12);
  CHECK(study.count(VN_TRIAL_COMPLETE) == 12);  // the int32_t overload of ABI 1.0's wrapper
  std::optional<vernier::BestTrial> best = study.best();
  REQUIRE(best.has_value());
  CHECK((best->number >= 0 && best->number < 12));
  CHECK(best->value >= 1.0);
  CHECK(has(study.summary_json(), R"("direction":"minimize")"));
  CHECK(has(study.trials_json(), R"("number":11)"));
}

TEST_CASE("A trial's getters and tell refuse misuse with the C API's errors", "[cpp_api]") {
  vernier::Context context(kContextOptions);
  vernier::Study study(context, kMixedConfig);
  vernier::Trial trial = study.ask();
  expect_c_error([&] { trial.get_float("nope"); }, VN_E_NOT_FOUND, "nope");
  expect_c_error([&] { trial.get_int("x"); }, VN_E_INVALID, "x");
  expect_c_error([&] { trial.get_categorical("n"); }, VN_E_INVALID, "n");
  expect_c_error([&] { trial.is_active("nope"); }, VN_E_NOT_FOUND, "nope");
  expect_c_error([&] { trial.report(1, std::nan("")); }, VN_E_INVALID, "NaN");

  study.tell(trial, 0.25);
  expect_c_error([&] { study.tell(trial, 0.5); }, VN_E_STATE, "");
  // A NaN value is recorded as failed, and said so.
  vernier::Trial nan_trial = study.ask();
  expect_c_error([&] { study.tell(nan_trial, std::numeric_limits<double>::quiet_NaN()); }, VN_E_INVALID, "");
  vernier::Trial pruned = study.ask();
  pruned.report(3, 7.5);
  study.tell_pruned(pruned);
  vernier::Trial failed = study.ask();
  study.tell_failed(failed);
  vernier::Trial told_with_state = study.ask();
  study.tell(told_with_state, TrialState::complete, 0.125);

  CHECK(study.count(TrialState::complete) == 2);
  CHECK(study.count(TrialState::failed) == 2);
  CHECK(study.count(TrialState::pruned) == 1);
  CHECK(study.count(TrialState::running) == 0);
  REQUIRE(study.best().has_value());
  CHECK(study.best()->value == 0.125);
  CHECK(study.best()->number == 4);

  // A trial of another study is refused.
  vernier::Study other(context, kMixedConfig);
  vernier::Trial foreign = other.ask();
  expect_c_error([&] { study.tell(foreign, 1.0); }, VN_E_INVALID, "another study");
}

TEST_CASE("An exhausted sampler: try_ask gives nothing, ask throws VN_E_EXHAUSTED", "[cpp_api]") {
  vernier::Context context(kContextOptions);
  vernier::Study study(context, R"({"name": "grid", "space": [{"name": "c", "type": "categorical", "choices": ["a", "b"]}],
                                    "sampler": {"plugin": "grid"}})");
  for (int i = 0; i < 2; ++i) {
    std::optional<vernier::Trial> trial = study.try_ask();
    REQUIRE(trial.has_value());
    study.tell(*trial, 1.0);
  }
  CHECK_FALSE(study.try_ask().has_value());
  expect_c_error([&] { study.ask(); }, VN_E_EXHAUSTED, "");
}

// Studies through the core classes with the bundled random sampler: ask/tell, states, best, direction,
// bad tells, and the history a sampler sees.
#include <catch2/catch.hpp>

#include <cmath>

#include "base/error.hpp"
#include "base/json.hpp"
#include "study/study.hpp"
#include "../build_plugins.hpp"

using namespace vernier;

namespace {

const Registry &plugins() { return vernier::testing::build_plugins(); }

std::unique_ptr<Study> make_study(const std::string &extra = "") {
  std::string text = R"({"name": "t", "sampler": {"plugin": "random", "seed": 7},
    "space": [{"name": "x", "type": "float", "low": -2, "high": 2},
              {"name": "k", "type": "categorical", "choices": ["a", "b"]}])" + extra + "}";
  return std::make_unique<Study>(plugins(), StudyConfig::parse(json::parse_object(text, "test")), make_memory_storage());
}

}  // namespace

TEST_CASE("ask and tell record trials with increasing numbers and keep the best") {
  auto study = make_study();
  double best = INFINITY;
  for (int i = 0; i < 20; ++i) {
    AskedTrial t = study->ask();
    CHECK(t.number == i);
    double x = t.params[0];
    CHECK(std::fabs(x) <= 2);
    study->tell(t.number, VN_TRIAL_COMPLETE, x * x);
    best = std::min(best, x * x);
  }
  REQUIRE(study->best());
  CHECK(study->best()->value == best);
  CHECK(study->count(VN_TRIAL_COMPLETE) == 20);
  CHECK(study->count(-1) == 20);
}

TEST_CASE("a maximised study keeps the largest value as best") {
  auto study = make_study(R"(, "direction": "maximize")");
  double best = -INFINITY;
  for (int i = 0; i < 10; ++i) {
    AskedTrial t = study->ask();
    study->tell(t.number, VN_TRIAL_COMPLETE, t.params[0]);
    best = std::max(best, t.params[0]);
  }
  CHECK(study->best()->value == best);
  CHECK(study->summary().at("direction").as_string() == "maximize");
}

TEST_CASE("bad tells: twice, NaN, unknown trial, bad state") {
  auto study = make_study();
  AskedTrial t = study->ask();
  study->tell(t.number, VN_TRIAL_COMPLETE, 1.0);
  CHECK_THROWS_WITH(study->tell(t.number, VN_TRIAL_COMPLETE, 2.0), Catch::Contains("already complete"));
  AskedTrial u = study->ask();
  CHECK_THROWS_WITH(study->tell(u.number, VN_TRIAL_COMPLETE, std::nan("")), Catch::Contains("recorded as failed"));
  CHECK(study->count(VN_TRIAL_FAILED) == 1);
  CHECK(study->best()->value == 1.0);  // nothing already recorded is lost
  CHECK_THROWS_AS(study->tell(99, VN_TRIAL_COMPLETE, 1.0), Error);
  AskedTrial w = study->ask();
  CHECK_THROWS_WITH(study->tell(w.number, 42, 1.0), Catch::Contains("state must be"));
  CHECK_THROWS_WITH(study->report(w.number, 1, INFINITY), Catch::Contains("not a finite number"));
  study->report(w.number, 1, 0.5);
  study->tell(w.number, VN_TRIAL_PRUNED, 0);
  CHECK(study->trials_json().at(2).at("intermediate").at("1").as_double() == 0.5);
}

TEST_CASE("the same seed gives the same suggestions; another seed does not") {
  auto a = make_study(), b = make_study();
  for (int i = 0; i < 5; ++i) {
    AskedTrial ta = a->ask(), tb = b->ask();
    CHECK(ta.params == tb.params);
    a->tell(ta.number, VN_TRIAL_COMPLETE, 0);
    b->tell(tb.number, VN_TRIAL_COMPLETE, 0);
  }
  std::string text = R"({"sampler": {"plugin": "random", "seed": 8}, "space": [{"name": "x", "type": "float", "low": -2, "high": 2},
              {"name": "k", "type": "categorical", "choices": ["a", "b"]}]})";
  Study c(plugins(), StudyConfig::parse(json::parse_object(text, "t")), make_memory_storage());
  CHECK(c.ask().params != make_study()->ask().params);
}

TEST_CASE("config errors name the field") {
  auto parse = [](const std::string &text) { return StudyConfig::parse(json::parse_object(text, "config")); };
  CHECK_THROWS_WITH(parse(R"({"space": [{"name": "x", "type": "float", "low": 0, "high": 1}], "direction": "up"})"),
                    Catch::Contains("direction: must be"));
  CHECK_THROWS_WITH(parse(R"({"name": "s"})"), Catch::Contains("space: missing"));
  CHECK_THROWS_WITH(parse(R"({"space": [{"name": "x", "type": "float", "low": 0, "high": 1}], "trails": 5})"),
                    Catch::Contains("trails: unknown key"));
  CHECK_THROWS_WITH(parse(R"({"space": [{"name": "x", "type": "float", "low": 0, "high": 1}], "sampler": {"seed": "1"}})"),
                    Catch::Contains("sampler.seed: expected an integer"));
  CHECK_THROWS_WITH(parse(R"({"objective": {"function": "branin", "command": ["./train"]}})"),
                    Catch::Contains("objective: takes exactly one of") && Catch::Contains("\"function\" and \"command\""));
  // A function tuned in a space of its own must name exactly the function's parameters.
  CHECK_THROWS_WITH(parse(R"({"objective": {"function": "branin"}, "space": [{"name": "x0", "type": "float", "low": 0, "high": 1},
                                                                          {"name": "z", "type": "float", "low": 0, "high": 1}]})"),
                    Catch::Contains("space: does not fit function 'branin', which takes 'x0', 'x1': missing 'x1'; unknown 'z'"));
  CHECK(parse(R"({"objective": {"function": "branin"}, "space": [{"name": "x1", "type": "float", "low": 0, "high": 1},
                                                                 {"name": "x0", "type": "float", "low": 0, "high": 1}]})")
            .space.size() == 2);
  StudyConfig c = parse(R"({"objective": {"function": "branin"}})");
  CHECK(c.space.size() == 2);  // a benchmark function brings its own space
  CHECK(c.name == "branin");
  CHECK_THROWS_WITH(Study(plugins(), parse(R"({"space": [{"name": "x", "type": "float", "low": 0, "high": 1}], "sampler": "nope"})"),
                          make_memory_storage()),
                    Catch::Contains("unknown sampler 'nope' (available:") && Catch::Contains("random"));
}

TEST_CASE("run evaluates a benchmark function to the budget") {
  StudyConfig c = StudyConfig::parse(json::parse_object(R"({"objective": {"function": "branin"}, "trials": 15,
                                                            "sampler": {"plugin": "random", "seed": 3}})", "t"));
  Study study(plugins(), std::move(c), make_memory_storage());
  int lines = 0;
  study.run(0, [&](const std::string &) { ++lines; });
  CHECK(study.count(VN_TRIAL_COMPLETE) == 15);
  CHECK(lines == 15);
  CHECK(study.best()->value >= 0.397887);
  study.run(20, nullptr);  // a larger budget continues to 20 finished trials in all
  CHECK(study.count(-1) == 20);
}

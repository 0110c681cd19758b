// By construction, not by trust (issue 12, item 6; VN-ABI-10): the cv objective hands a model only what it
// may read, so a model plugin written to leak validation or test targets gets nothing out of them. The
// planted leaky models (tests/conformance/plugins/leaky_*.c) are the mini nearest-neighbour model plus one
// leak each: "leaky-fit" learns from every row of the view it is given, "leaky-predict" answers a predicted
// row's own target when the view holds one. Run through the cv objective, each must score exactly what the
// honest "mini-model" scores, trial by trial and fold by fold, on the test part and in nested CV.
//
// (Permuting the validation targets would not do as a test: a model that reads a row's own target follows
// the permutation, and its score does not move. The honest twin gives the exact values to expect.)
#include <algorithm>

#include <catch2/catch.hpp>

#include "cv_fixture.hpp"

using namespace cv_test;

namespace {

const vernier::Registry &leaky_registry() {
  static vernier::Registry r([] {
    vernier::RegistryOptions o;
    o.default_paths = false;
    o.plugin_path = {VERNIER_PLUGIN_BUILD_DIR, VERNIER_TEST_PLUGIN_DIR "/good", VERNIER_TEST_PLUGIN_DIR "/leaky"};
    return o;
  }());
  return r;
}

// Labels that the features barely predict (so a model that saw them would score visibly better), and a
// regression target likewise: "x1,x2,y", n rows.
std::string noisy_csv(int n, bool classification) {
  std::string s = "x1,x2,y\n";
  for (int i = 0; i < n; ++i) {
    const double x1 = std::sin(i * 1.3), x2 = std::cos(i * 2.1);
    const uint32_t hashed = static_cast<uint32_t>(i) * 2654435761u;  // Knuth's multiplicative hash: labels as coin flips
    const double y = classification ? static_cast<double>((hashed >> 13) & 1u) : 0.3 * x1 + std::sin(i * 0.77) * 2.0;
    s += std::to_string(x1) + "," + std::to_string(x2) + "," + std::to_string(y) + "\n";
  }
  return s;
}

struct Run {
  std::string trials;  // every trial's value and per-fold scores, serialised (exact doubles)
  bj::value test_score, nested;
  double highest = -INFINITY;  // the highest trial value
};

Run run(const std::string &model, const std::string &data, bool classification, bool standardize) {
  const std::string config = R"({"name": "views", "trials": 4, "sampler": {"plugin": "random", "seed": 5},
    "objective": {"cv": {"data": ")" + data + R"(", "target": "y", "task": ")" +
                             (classification ? "classification" : "regression") + R"(", "model": ")" + model + R"(",
      "metric": ")" + (classification ? "accuracy" : "rmse") + R"(", "standardize": )" + (standardize ? "true" : "false") + R"(,
      "splitter": {"plugin": "kfold", "options": {"n_splits": 4}},
      "outer": {"plugin": "kfold", "options": {"n_splits": 3}}, "test_size": 0.25, "seed": 11}}})";
  vernier::Study study(leaky_registry(), vernier::StudyConfig::parse(bj::parse(config).as_object()), vernier::make_memory_storage());
  study.run(0, nullptr);
  REQUIRE(study.count(VN_TRIAL_COMPLETE) == 4);
  const bj::object summary = study.summary();
  REQUIRE(summary.contains("test_score"));
  REQUIRE(summary.contains("nested_cv"));
  Run r{bj::serialize(study.trials_json()), summary.at("test_score").at("value"), summary.at("nested_cv").at("scores")};
  for (const bj::value &t : study.trials_json()) r.highest = std::max(r.highest, t.at("value").to_number<double>());
  return r;
}

}  // namespace

TEST_CASE("a model plugin that reads rows or targets it may not see scores exactly as its honest twin", "[cv][leak][views]") {
  TempDir dir;
  for (const bool classification : {true, false}) {
    const std::string data = dir.write(classification ? "c.csv" : "r.csv", noisy_csv(96, classification));
    for (const bool standardize : {false, true}) {
      const Run honest = run("mini-model", data, classification, standardize);
      REQUIRE(honest.test_score.is_number());
      REQUIRE(honest.nested.as_array().size() == 3);
      if (classification) {  // not vacuous: a model that saw the labels would score 1
        CHECK(honest.test_score.to_number<double>() < 0.9);
        CHECK(honest.highest < 0.9);
      }
      for (const char *leaky : {"leaky-fit", "leaky-predict"}) {
        INFO(leaky << (classification ? ", classification" : ", regression") << (standardize ? ", standardised" : ""));
        const Run got = run(leaky, data, classification, standardize);
        CHECK(got.trials == honest.trials);  // every trial's value and fold scores, bit for bit
        CHECK(got.test_score == honest.test_score);
        CHECK(got.nested == honest.nested);
      }
    }
  }
}

// Partial trials (docs/storage.md): a complete trial whose parameters are not a point of the study's
// space, as an Optuna worker that suggested only some parameters writes. Each consumer is checked: the
// best trial and the end-of-run result, the history samplers see, and the cv objective's test refit.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "base/json.hpp"
#include "storage/storage.hpp"
#include "study/study.hpp"
#include "trials/study_history.hpp"
#include "../build_plugins.hpp"

using namespace vernier;

namespace {

// A study over a memory storage, and that storage, to which a test adds trials directly as another
// worker would.
struct StudyWithStorage {
  std::unique_ptr<Study> study;
  Storage *storage = nullptr;
};

StudyWithStorage make(const std::string &config_text) {
  std::unique_ptr<Storage> storage = make_memory_storage();
  StudyWithStorage made;
  made.storage = storage.get();
  made.study = std::make_unique<Study>(vernier::testing::build_plugins(),
                                       StudyConfig::parse(json::parse_object(config_text, "test")), std::move(storage));
  return made;
}

// A complete trial recorded without a point of the space (the storages keep a partial point as no
// parameters at all: storage/trial_fit.hpp).
int64_t add_partial_trial(Storage &storage, double value) {
  const auto next = static_cast<int64_t>(storage.trials()->size());
  NewTrial made = storage.create_trial(next, {});
  storage.finish(made.number, VN_TRIAL_COMPLETE, value, "");
  return made.number;
}

const char *kBranin = R"({"name": "b", "objective": {"function": "branin"}, "sampler": {"plugin": "random", "seed": 5}})";

}  // namespace

TEST_CASE("a partial trial that is the first and best complete trial is not the end result") {
  StudyWithStorage s = make(kBranin);
  const int64_t partial = add_partial_trial(*s.storage, -100.0);  // far below branin's minimum 0.397887
  s.study->run(8, nullptr);  // used to end in SIGSEGV: the result read the partial trial's parameters
  CHECK(s.study->count(VN_TRIAL_COMPLETE) == 8);  // the partial trial counts for the budget
  REQUIRE(s.study->best());
  CHECK(s.study->best()->number != partial);
  CHECK(s.study->best()->value >= 0.397887);
  CHECK(s.study->best()->params.size() == 2);
  const boost::json::object summary = s.study->summary();
  CHECK(summary.at("best").at("number").as_int64() == s.study->best()->number);
  CHECK(summary.at("best").at("params").as_object().size() == 2);
  CHECK(summary.at("partial").as_int64() == 1);  // said, so that a better value not shown as best is explained
  // The trial itself is still listed, with the value it has and no parameters of this space.
  const boost::json::array trials = s.study->trials_json();
  const boost::json::value &listed = trials.at(static_cast<std::size_t>(partial));
  CHECK(listed.at("value").as_double() == -100.0);
  CHECK(listed.at("params").as_object().empty());
}

TEST_CASE("a better partial trial after a full one leaves the full one best, with its own parameters") {
  StudyWithStorage s = make(kBranin);
  AskedTrial first = s.study->ask();
  s.study->tell(first.number, VN_TRIAL_COMPLETE, 5.0);
  add_partial_trial(*s.storage, 1.0);
  // Used to report trial 1 as best, carrying trial 0's parameters (a copy keeps its old buffer).
  REQUIRE(s.study->best());
  CHECK(s.study->best()->number == first.number);
  CHECK(s.study->best()->params == first.params);
  CHECK(s.study->best()->value == 5.0);
}

TEST_CASE("samplers see only trials whose parameters are a point of the space") {
  std::vector<TrialRecord> trials(5);
  for (int64_t i = 0; i < 5; ++i) trials[static_cast<std::size_t>(i)].number = i;
  trials[0].state = VN_TRIAL_COMPLETE, trials[0].params = {0.5, 1.0}, trials[0].value = 3.0;
  trials[1].state = VN_TRIAL_COMPLETE, trials[1].value = -7.0;  // partial: another program's, no point
  trials[2].state = VN_TRIAL_RUNNING;                           // another worker still asking
  trials[3].state = VN_TRIAL_RUNNING, trials[3].params = {0.25, 0.0};
  trials[4].state = VN_TRIAL_PRUNED, trials[4].params = {0.75, std::nan("")}, trials[4].intermediate = {{2, 4.0}};
  SamplerHistory history(trials, 2, -1);  // maximised: values are negated for samplers
  const vn_history &h = history.view();
  REQUIRE(h.n_trials == 3);
  CHECK(h.n_params == 2);
  CHECK(h.numbers[0] == 0);
  CHECK(h.numbers[1] == 3);
  CHECK(h.numbers[2] == 4);
  CHECK(h.values[0] == -3.0);
  CHECK(std::isnan(h.values[1]));
  CHECK(h.params[2] == 0.25);
  CHECK(h.last_step[2] == 2);
  CHECK(h.last_intermediate[2] == -4.0);

  // And a study with partial trials in its storage goes on suggesting valid points.
  StudyWithStorage s = make(kBranin);
  add_partial_trial(*s.storage, -1.0);
  for (int i = 0; i < 3; ++i) {
    AskedTrial t = s.study->ask();
    CHECK(t.params.size() == 2);
    s.study->tell(t.number, VN_TRIAL_COMPLETE, 1.0 + i);
  }
}

TEST_CASE("the cv test score refits the trial it is labelled with, never a partial one") {
  const std::string data = std::string(VERNIER_SOURCE_DIR) + "/examples/data/diabetes.csv";
  StudyWithStorage s = make(R"({"name": "cv", "sampler": {"plugin": "random", "seed": 1},
    "objective": {"cv": {"data": ")" + data + R"(", "target": "target", "task": "regression", "model": "ridge",
      "splitter": {"plugin": "kfold", "options": {"n_splits": 3}}, "metric": "rmse", "test_size": 0.2, "seed": 0}}})");
  const int64_t partial = add_partial_trial(*s.storage, -1.0);  // an RMSE no real trial reaches
  s.study->run(4, nullptr);
  REQUIRE(s.study->best());
  const TrialRecord best = *s.study->best();
  CHECK(best.number != partial);
  const boost::json::object &test = s.study->results().at("test_score").as_object();
  CHECK(test.at("trial").as_int64() == best.number);
  CHECK(test.at("params") == boost::json::value(s.study->space().to_values(best.params.data())));
  CHECK(test.contains("value"));
  CHECK_FALSE(test.contains("error"));
}

// The leak test: the held-out test part never reaches a splitter, a model or a sampler. The test-only
// model and splitter record the id of every row of every view they are handed; only the final predict,
// after the budget, may see a test row, and then only test rows.
#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "cv_fixture.hpp"
#include "vernier/vernier.h"

using namespace cv_test;

namespace {

std::set<double> as_set(const std::vector<double> &v) { return {v.begin(), v.end()}; }

bool disjoint(const std::set<double> &a, const std::vector<double> &b) {
  return std::none_of(b.begin(), b.end(), [&](double x) { return a.count(x) > 0; });
}

}  // namespace

TEST_CASE("the test rows never reach the splitter, the models or the sampler", "[cv][leak]") {
  TempDir dir;
  const int n = 60;
  const std::string data = dir.write("d.csv", classification_csv(n));
  const std::string record = dir.file("calls.jsonl");
  auto study = make_study(R"({"name": "leak", "trials": 5, "sampler": {"plugin": "random", "seed": 3},
    "objective": {"cv": {"data": ")" + data + R"(", "target": "y", "task": "classification", "model": "centroid",
      "model_options": {"record": ")" + record + R"("},
      "splitter": {"plugin": "recording-kfold", "options": {"n_splits": 4, "record": ")" + record + R"("}},
      "test_size": 0.25, "seed": 11}}})");
  study->run(0, nullptr);

  const bj::object summary = study->summary();
  REQUIRE(summary.contains("test_score"));
  const bj::object &test = summary.at("test_score").as_object();
  std::set<double> test_ids;
  for (const bj::value &r : test.at("test_rows").as_array()) test_ids.insert(static_cast<double>(r.to_number<int64_t>()));
  REQUIRE(test_ids.size() == 15);  // ceil(0.25 * 60)
  CHECK(test.at("n_test").to_number<int64_t>() == 15);
  CHECK(test.at("n_train").to_number<int64_t>() == 45);
  CHECK(test.at("value").is_number());
  CHECK(test.at("metric").as_string() == "accuracy");
  std::set<double> train_ids;
  for (int i = 0; i < n; ++i)
    if (test_ids.count(i) == 0) train_ids.insert(i);

  const std::vector<Call> calls = read_record(record);
  // The splitter once per split (folds are made once for all trials), then per trial and fold a fit and
  // a predict, then the final refit and the one scoring of the test part.
  REQUIRE(calls.size() == 4 + 5 * 4 * 2 + 2);
  for (std::size_t i = 0; i + 1 < calls.size(); ++i) {
    INFO("call " << i << " (" << calls[i].call << ")");
    CHECK(disjoint(test_ids, calls[i].view_ids));  // no test row at all
    CHECK(disjoint(test_ids, calls[i].row_ids));
  }
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(calls[i].call == "split");
    CHECK(as_set(calls[i].view_ids) == train_ids);  // a splitter cuts the whole training part
  }
  // A model is handed only what it may read (VN-ABI-10): each fit and predict gets a view of exactly its
  // rows, every one used; predict's view carries no target (all NaN), fit's every target of its rows.
  for (std::size_t i = 4; i < calls.size(); ++i) {
    INFO("call " << i << " (" << calls[i].call << ")");
    CHECK(calls[i].view_ids == calls[i].row_ids);
    REQUIRE(calls[i].view_targets.size() == calls[i].view_ids.size());
    for (double y : calls[i].view_targets) CHECK(std::isnan(y) == (calls[i].call == "predict"));
  }
  const Call &final_fit = calls[calls.size() - 2], &final_predict = calls.back();
  CHECK(final_fit.call == "fit");
  CHECK(as_set(final_fit.row_ids) == train_ids);
  CHECK(final_predict.call == "predict");
  CHECK(as_set(final_predict.view_ids) == test_ids);  // a view of the test part alone
  CHECK(as_set(final_predict.row_ids) == test_ids);

  // Each CV fit and its predict split the training part: disjoint, together all of it.
  for (std::size_t i = 4; i + 2 < calls.size(); i += 2) {
    REQUIRE(calls[i].call == "fit");
    REQUIRE(calls[i + 1].call == "predict");
    CHECK(disjoint(as_set(calls[i].row_ids), calls[i + 1].row_ids));
    CHECK(calls[i].row_ids.size() + calls[i + 1].row_ids.size() == train_ids.size());
  }

  // The test part is stratified: 60 rows with classes (7i + i/3) % 2, a quarter of each class.
  std::vector<int> per_class(2, 0), held(2, 0);
  for (int i = 0; i < n; ++i) {
    const int y = (i * 7 + i / 3) % 2;
    ++per_class[y];
    if (test_ids.count(i)) ++held[y];
  }
  for (int c = 0; c < 2; ++c) CHECK(std::abs(held[c] - per_class[c] * 15.0 / n) <= 1.0);
}

TEST_CASE("the journal keeps the test score, marked as such, with the rows CV never used", "[cv][leak][journal]") {
  TempDir dir;
  const std::string data = dir.write("d.csv", classification_csv(40));
  const std::string journal = dir.file("study.journal");
  const std::string config = R"({"name": "journaled", "trials": 4, "sampler": {"plugin": "random", "seed": 1},
    "storage": ")" + journal + R"(",
    "objective": {"cv": {"data": ")" + data + R"(", "target": "y", "task": "classification", "model": "centroid",
      "splitter": {"plugin": "stratified", "options": {"n_splits": 3}}, "test_size": 0.2}}})";
  vn_context *ctx = nullptr;
  const std::string options = R"({"default_paths": false, "plugin_path": [")" + std::string(VERNIER_PLUGIN_BUILD_DIR) + R"(", ")" +
                              VERNIER_TEST_CV_PLUGIN_DIR + R"("]})";
  REQUIRE(vn_context_new(options.c_str(), &ctx) == VN_OK);
  vn_study *study = nullptr;
  REQUIRE(vn_study_create(ctx, config.c_str(), &study) == VN_OK);
  REQUIRE(vn_study_run(study, 0, nullptr, nullptr) == VN_OK);
  vn_study_free(study);

  char *text = nullptr;
  REQUIRE(vn_journal_study_json(journal.c_str(), "journaled", &text) == VN_OK);
  const bj::object stored = bj::parse(text).as_object();
  vn_free(text);
  const bj::object &attrs = stored.at("system_attrs").as_object();
  REQUIRE(attrs.contains("vernier:test_score"));
  const bj::object &test = attrs.at("vernier:test_score").as_object();
  CHECK(test.at("n_test").to_number<int64_t>() == 8);
  CHECK(test.at("test_rows").as_array().size() == 8);
  CHECK(test.at("value").is_number());
  // What the training part lacked, kept with the score (none here: every class and value is in it).
  CHECK(test.at("unseen_class_rows").to_number<int64_t>() == 0);
  CHECK(test.at("unseen_level_cells").to_number<int64_t>() == 0);
  // Every trial in the journal has its three fold scores, and its value is their mean.
  const bj::array &trials = stored.at("trials").as_array();
  REQUIRE(trials.size() == 4);
  for (const bj::value &t : trials) {
    const bj::object &intermediate = t.at("intermediate").as_object();
    REQUIRE(intermediate.size() == 3);
    double sum = 0;
    for (const auto &entry : intermediate) sum += entry.value().to_number<double>();
    CHECK(t.at("value").to_number<double>() == Approx(sum / 3));
  }
  vn_context_free(ctx);
}

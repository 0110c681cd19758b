// A class or a categorical level that only test rows have reaches no trial: the training part's classes
// and one-hot vocabulary are its own rows' (data/fitted_split.hpp). For every bundled model plugin, the
// trials of a study are bit-identical whether the test rows hold a class or a level the training rows
// lack or not; the test score counts such rows and cells, and a fold's model knows only the levels of
// its training rows.
#include <cfloat>
#include <cmath>
#include <algorithm>
#include <functional>
#include <set>

#include <catch2/catch.hpp>

#include "cv_fixture.hpp"

using namespace cv_test;

namespace {

constexpr int kRows = 72;

// "a,b,c,y": two numeric features, a categorical column c (levels p, q, r) and a target: a class
// (0, 1, 2) or, for regression, a number. `test_cell(i, column, usual)` may replace a test row's cell.
using Cell = std::function<std::string(int row, char column, const std::string &usual)>;

std::string csv(bool classification, const Cell &cell) {
  std::string s = "a,b,c,y\n";
  for (int i = 0; i < kRows; ++i) {
    const int k = (i * 7 + i / 3) % 3;
    const std::string level(1, "pqr"[(i * 5 + i / 4) % 3]);
    const double a = k * 1.5 + std::sin(i * 1.7) + (level == "q" ? 0.7 : 0.0), b = -k + std::cos(i * 0.9);
    const std::string y = classification ? std::to_string(k) : std::to_string(a * 2 - b + (level == "r" ? 1.0 : 0.0));
    s += std::to_string(a) + "," + std::to_string(b) + "," + cell(i, 'c', level) + "," + cell(i, 'y', y) + "\n";
  }
  return s;
}

std::string study_config(const std::string &data, const std::string &model, bool classification, const std::string &test_split) {
  return R"({"name": "unseen", "trials": 4, "sampler": {"plugin": "random", "seed": 7},
    "objective": {"cv": {"data": ")" + data + R"(", "target": "y", "task": ")" + (classification ? "classification" : "regression") +
         R"(", "categorical": ["c"], "model": ")" + model + R"(", "metric": ")" + (classification ? "log_loss" : "rmse") +
         R"(", "splitter": {"plugin": "kfold", "options": {"n_splits": 3, "shuffle": true}}, "test_size": 18, "test_split": ")" +
         test_split + R"(", "standardize": true, "seed": 5}}})";
}

struct Run {
  std::vector<std::vector<double>> trials;  // per trial: its value, then its fold scores
  bj::object test_score;
};

Run run(const std::string &config) {
  auto study = make_study(config);
  study->run(0, nullptr);
  Run r;
  for (const bj::value &t : study->trials_json()) {
    REQUIRE(t.at("state").as_string() == "complete");
    std::vector<double> values{t.at("value").to_number<double>()};
    for (const auto &entry : t.at("intermediate").as_object()) values.push_back(entry.value().to_number<double>());
    r.trials.push_back(std::move(values));
  }
  r.test_score = study->summary().at("test_score").as_object();
  return r;
}

std::set<int> test_rows(const Run &r) {
  std::set<int> rows;
  for (const bj::value &v : r.test_score.at("test_rows").as_array()) rows.insert(static_cast<int>(v.to_number<int64_t>()));
  return rows;
}

// Runs the study on the data as it is and with the test rows' cells of `column` replaced by `replacement`;
// every trial must be bit-identical. Returns the second run's test score.
bj::object same_trials(const std::string &model, bool classification, const std::string &test_split, char column,
                       const std::string &replacement) {
  TempDir dir;
  const Cell usual = [](int, char, const std::string &v) { return v; };
  const Run base = run(study_config(dir.write("base.csv", csv(classification, usual)), model, classification, test_split));
  const std::set<int> held = test_rows(base);
  REQUIRE(held.size() == 18);
  const Cell changed = [&](int i, char c, const std::string &v) { return c == column && held.count(i) > 0 ? replacement : v; };
  const Run other = run(study_config(dir.write("other.csv", csv(classification, changed)), model, classification, test_split));
  CHECK(test_rows(other) == held);  // the test part is drawn without looking at these cells
  REQUIRE(other.trials.size() == base.trials.size());
  for (std::size_t t = 0; t < base.trials.size(); ++t) {
    INFO(model << ", " << test_split << " test split, trial " << t);
    CHECK(other.trials[t] == base.trials[t]);  // bit for bit: value and every fold score
  }
  return other.test_score;
}

}  // namespace

TEST_CASE("a class only test rows have changes no trial, and the test score counts its rows", "[cv][leak][unseen]") {
  // "-1" sorts before every training class, so a class list taken from the whole file would renumber them all.
  for (const char *model : {"logistic", "knn", "svm", "xgboost"})
    for (const char *split : {"last", "random"}) {
      const bj::object test = same_trials(model, true, split, 'y', "-1");
      INFO(model << ", " << split << ": " << bj::serialize(test));
      CHECK(test.at("unseen_class_rows").to_number<int64_t>() == 18);
      CHECK(test.at("unseen_level_cells").to_number<int64_t>() == 0);
      // Every test row is of a class the model never saw: all wrong, and the log loss as for p = 0 (clipped).
      CHECK(test.at("value").to_number<double>() == Approx(-std::log(DBL_EPSILON)).epsilon(1e-3));
    }
}

TEST_CASE("a categorical level only test rows have changes no trial, and the test score counts its cells", "[cv][leak][unseen]") {
  // "a" sorts before p, q, r, so a vocabulary taken from the whole file would add a column before theirs.
  for (const char *model : {"logistic", "knn", "svm", "xgboost"}) {
    const bj::object test = same_trials(model, true, "random", 'c', "a");
    CHECK(test.at("unseen_level_cells").to_number<int64_t>() == 18);
    CHECK(test.at("unseen_class_rows").to_number<int64_t>() == 0);
    CHECK(test.at("value").is_number());
  }
  for (const char *model : {"ridge", "knn", "svm", "xgboost"}) {
    const bj::object test = same_trials(model, false, "last", 'c', "a");
    CHECK(test.at("unseen_level_cells").to_number<int64_t>() == 18);
    CHECK_FALSE(test.contains("unseen_class_rows"));  // regression has no classes
    CHECK(test.at("value").is_number());
  }
}

TEST_CASE("a fold's model knows only the levels of the fold's training rows", "[cv][leak][unseen]") {
  // 30 rows "id,a,c,y"; level "z" only in row 4, which the first of 3 unshuffled folds validates.
  TempDir dir;
  std::string text = "id,a,c,y\n";
  for (int i = 0; i < 30; ++i)
    text += std::to_string(i) + "," + std::to_string(std::sin(i * 1.3)) + "," + (i == 4 ? "z" : i % 2 ? "p" : "q") + "," +
            std::to_string((i * 7 + i / 3) % 2) + "\n";
  const std::string record = dir.file("calls.jsonl");
  auto study = make_study(R"({"trials": 2, "sampler": {"plugin": "random", "seed": 3}, "objective": {"cv": {"data": ")" +
                          dir.write("d.csv", text) + R"(", "target": "y", "task": "classification", "categorical": ["c"],
      "model": "centroid", "model_options": {"record": ")" + record + R"("},
      "splitter": {"plugin": "kfold", "options": {"n_splits": 3}}, "test_size": 0}}})");
  study->run(0, nullptr);
  const std::vector<Call> calls = read_record(record);
  REQUIRE(calls.size() == 2 * 3 * 2);
  for (std::size_t i = 0; i < calls.size(); i += 2) {
    const bool validates_row_4 = std::count(calls[i + 1].row_ids.begin(), calls[i + 1].row_ids.end(), 4.0) == 1;
    INFO("fit " << i / 2);
    // id, a, c=p, c=q, c=z; without c=z where only a validation row has it.
    CHECK(calls[i].fit_mean.size() == (validates_row_4 ? 4u : 5u));
  }
}

TEST_CASE("nested CV: an outer split's study knows only the classes of its outer training rows", "[cv][leak][unseen][nested]") {
  // Class 2 only in rows 0-5, all validated by the first of 3 unshuffled outer folds: that split's study
  // is tuned on two classes, its model gives class 2 no probability, and the six rows count as unseen.
  TempDir dir;
  std::string text = "a,b,y\n";
  for (int i = 0; i < 48; ++i)
    text += std::to_string(std::sin(i * 1.7) + i % 2) + "," + std::to_string(std::cos(i * 0.9)) + "," + (i < 6 ? "2" : std::to_string(i % 2)) + "\n";
  auto study = make_study(R"({"trials": 2, "sampler": {"plugin": "random", "seed": 3}, "objective": {"cv": {"data": ")" +
                          dir.write("d.csv", text) + R"(", "target": "y", "task": "classification", "model": "logistic",
      "metric": "log_loss", "splitter": {"plugin": "kfold", "options": {"n_splits": 3}},
      "outer": {"plugin": "kfold", "options": {"n_splits": 3}}, "test_size": 0}}})");
  study->run(0, nullptr);
  const bj::object nested = study->summary().at("nested_cv").as_object();
  INFO(bj::serialize(nested));
  REQUIRE(nested.contains("scores"));
  REQUIRE(nested.at("scores").as_array().size() == 3);
  CHECK(nested.at("unseen_class_rows").to_number<int64_t>() == 6);
  // Six of the 16 outer validation rows have probability 0 (clipped to eps) for their class.
  CHECK(nested.at("scores").as_array()[0].to_number<double>() >= 6.0 / 16.0 * -std::log(DBL_EPSILON) * 0.99);
}

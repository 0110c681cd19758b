// The cv objective's behaviour: per-fold intermediate values, a failing fold, standardisation fitted on
// training rows only, directions and default spaces, test splits, nested CV, and in-memory data.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include <catch2/catch.hpp>

#include "cv_fixture.hpp"
#include "vernier/vernier.h"

using namespace cv_test;

namespace {

std::string cv_config(const std::string &data, const std::string &extra, int trials = 4) {
  return R"({"name": "t", "trials": )" + std::to_string(trials) + R"(, "sampler": {"plugin": "random", "seed": 5},
    "objective": {"cv": {"data": ")" + data + R"(", "target": "y", "task": "classification", "model": "centroid")" + extra + "}}}";
}

}  // namespace

TEST_CASE("a trial's value is the mean of its folds, each recorded as an intermediate value", "[cv]") {
  TempDir dir;
  auto study = make_study(cv_config(dir.write("d.csv", classification_csv(50)), R"(, "splitter": {"plugin": "kfold", "options": {"n_splits": 5}})"));
  study->run(0, nullptr);
  const bj::array trials = study->trials_json();
  REQUIRE(trials.size() == 4);
  for (const bj::value &t : trials) {
    CHECK(t.at("state").as_string() == "complete");
    const bj::object &folds = t.at("intermediate").as_object();
    REQUIRE(folds.size() == 5);
    double sum = 0;
    for (int f = 0; f < 5; ++f) {
      const double v = folds.at(std::to_string(f)).to_number<double>();
      CHECK(v >= 0);
      CHECK(v <= 1);
      sum += v;
    }
    CHECK(t.at("value").to_number<double>() == Approx(sum / 5));
  }
  CHECK(study->config().direction == -1);  // accuracy is maximised
}

TEST_CASE("a model failing on one fold fails that trial with the fold's message; the study goes on", "[cv][bad_input]") {
  TempDir dir;
  // Fits fail when shrink > 0.5 and row 7 is held out: one fold of four.
  auto study = make_study(R"({"name": "t", "trials": 12, "sampler": {"plugin": "random", "seed": 2},
    "objective": {"cv": {"data": ")" + dir.write("d.csv", classification_csv(40)) + R"(", "target": "y", "task": "classification",
      "model": "centroid", "model_options": {"poison_id": 7, "fail_above": 0.5},
      "splitter": {"plugin": "kfold", "options": {"n_splits": 4}}, "test_size": 0}}})");
  study->run(0, nullptr);
  int failed = 0, complete = 0;
  for (const bj::value &t : study->trials_json()) {
    const double shrink = t.at("params").at("shrink").to_number<double>();
    if (shrink > 0.5) {
      ++failed;
      CHECK(t.at("state").as_string() == "failed");
      // kfold without shuffle: row 7 is in fold 0 of 4 over 40 rows
      CHECK_THAT(std::string(t.at("message").as_string()), Catch::Matchers::StartsWith("fold 0: model 'centroid': poisoned"));
    } else {
      ++complete;
      CHECK(t.at("state").as_string() == "complete");
      CHECK(t.at("intermediate").as_object().size() == 4);
    }
  }
  CHECK(failed > 0);
  CHECK(complete > 0);
  CHECK(study->count(-1) == 12);  // the failures did not stop the study
}

TEST_CASE("standardisation is fitted on each fold's training rows only", "[cv][standardize]") {
  TempDir dir;
  const std::string record = dir.file("calls.jsonl");
  auto study = make_study(cv_config(dir.write("d.csv", classification_csv(45)),
                                    R"(, "standardize": true, "model_options": {"record": ")" + record +
                                        R"("}, "splitter": {"plugin": "stratified", "options": {"n_splits": 3}}, "test_size": 0.2)",
                                    2));
  study->run(0, nullptr);
  const std::vector<Call> calls = read_record(record);
  REQUIRE(calls.size() == 2 * 3 * 2 + 2);
  int fits = 0;
  for (const Call &c : calls) {
    if (c.call != "fit") continue;
    ++fits;
    // Over exactly the rows it is fitted on, every feature has mean 0 and standard deviation 1: the
    // scaler saw those rows and no others (neither the validation fold nor the test part).
    for (std::size_t j = 0; j < c.fit_mean.size(); ++j) {
      CHECK(std::abs(c.fit_mean[j]) < 1e-9);
      CHECK(c.fit_sd[j] == Approx(1.0).epsilon(1e-9));
    }
  }
  CHECK(fits == 7);  // 2 trials x 3 folds, and the final refit on the whole training part
  // The validation rows of a fold are scaled with its training statistics, so their mean is not 0.
  bool some_validation_off_centre = false;
  for (const Call &c : calls)
    if (c.call == "predict")
      for (double m : c.fit_mean) some_validation_off_centre = some_validation_off_centre || std::abs(m) > 1e-6;
  CHECK(some_validation_off_centre);
}

TEST_CASE("the direction follows the metric, and a contrary direction is refused", "[cv][config]") {
  TempDir dir;
  const std::string data = dir.write("d.csv", classification_csv(30));
  CHECK(make_study(cv_config(data, R"(, "metric": "log_loss")"))->config().direction == 1);
  CHECK(make_study(cv_config(data, R"(, "metric": "roc_auc")"))->config().direction == -1);
  const std::string contrary = R"({"direction": "minimize", "objective": {"cv": {"data": ")" + data +
                               R"(", "target": "y", "task": "classification", "model": "centroid", "metric": "accuracy"}}})";
  CHECK_THAT(creation_error(contrary), Catch::Matchers::Contains("direction: the cv metric is maximised; remove \"direction\""));
}

TEST_CASE("without a space the study searches the model's default space", "[cv][config]") {
  TempDir dir;
  auto study = make_study(cv_config(dir.write("d.csv", classification_csv(30)), ""));
  REQUIRE(study->space().size() == 1);
  CHECK(study->space().params()[0].name == "shrink");
  auto explicit_space = make_study(R"({"space": [{"name": "shrink", "type": "float", "low": 0.2, "high": 0.3}],
    "objective": {"cv": {"data": ")" + dir.write("e.csv", classification_csv(30)) +
                                   R"(", "target": "y", "task": "classification", "model": "centroid"}}})");
  CHECK(explicit_space->space().params()[0].high == 0.3);
}

TEST_CASE("test_size 0 is pure CV: no test part and no test score", "[cv]") {
  TempDir dir;
  const std::string record = dir.file("calls.jsonl");
  auto study = make_study(cv_config(dir.write("d.csv", classification_csv(30)),
                                    R"(, "test_size": 0, "model_options": {"record": ")" + record + R"("}, "splitter": "kfold")", 2));
  study->run(0, nullptr);
  CHECK_FALSE(study->summary().contains("test_score"));
  const std::vector<Call> calls = read_record(record);
  CHECK(calls.size() == 2 * 5 * 2);  // no final refit without a test part
  CHECK(calls[0].view_ids.size() == 24);  // the first fold's training rows: 4 of 5 folds of all 30 rows
}

TEST_CASE("with the timeseries splitter the test part is the last rows", "[cv]") {
  TempDir dir;
  std::string csv = "id,x,y\n";
  for (int i = 0; i < 40; ++i) csv += std::to_string(i) + "," + std::to_string(i * 0.5) + "," + std::to_string(std::sin(i * 0.3)) + "\n";
  auto study = make_study(R"({"trials": 2, "sampler": {"plugin": "random", "seed": 1}, "objective": {"cv": {"data": ")" +
                          dir.write("t.csv", csv) + R"(", "target": "y", "task": "regression", "model": "centroid",
                          "splitter": {"plugin": "timeseries", "options": {"n_splits": 3}}, "test_size": 0.25, "metric": "mae"}}})");
  study->run(0, nullptr);
  const bj::object summary = study->summary();
  const bj::array &rows = summary.at("test_score").at("test_rows").as_array();
  REQUIRE(rows.size() == 10);
  for (std::size_t i = 0; i < rows.size(); ++i) CHECK(rows[i].to_number<int64_t>() == static_cast<int64_t>(30 + i));
  CHECK(study->config().direction == 1);
}

TEST_CASE("group column: the test part takes whole groups", "[cv]") {
  TempDir dir;
  std::string csv = "g,x,y\n";
  for (int i = 0; i < 48; ++i) csv += "site" + std::to_string(i / 4) + "," + std::to_string(i % 5) + "," + std::to_string(i % 2) + "\n";
  auto study = make_study(R"({"trials": 2, "sampler": {"plugin": "random", "seed": 1}, "objective": {"cv": {"data": ")" +
                          dir.write("g.csv", csv) + R"(", "target": "y", "task": "classification", "model": "centroid",
                          "groups": "g", "splitter": {"plugin": "group", "options": {"n_splits": 3}}, "test_size": 0.25}}})");
  study->run(0, nullptr);
  std::set<int64_t> test_rows;
  const bj::object summary = study->summary();
  for (const bj::value &r : summary.at("test_score").at("test_rows").as_array()) test_rows.insert(r.to_number<int64_t>());
  CHECK(test_rows.size() >= 12);
  for (int64_t r : test_rows)
    for (int64_t mate = r / 4 * 4; mate < r / 4 * 4 + 4; ++mate) CHECK(test_rows.count(mate) == 1);  // the whole site
}

TEST_CASE("nested CV repeats the tuning within each outer split and reports the outer scores", "[cv][nested]") {
  TempDir dir;
  auto study = make_study(cv_config(dir.write("d.csv", classification_csv(60)),
                                    R"(, "splitter": {"plugin": "stratified", "options": {"n_splits": 3}},
                                       "outer": {"plugin": "stratified", "options": {"n_splits": 4}}, "test_size": 0.2)",
                                    3));
  std::vector<std::string> lines;
  study->run(0, [&](const std::string &line) { lines.push_back(line); });
  const bj::object summary = study->summary();
  REQUIRE(summary.contains("nested_cv"));
  const bj::object &nested = summary.at("nested_cv").as_object();
  INFO(bj::serialize(nested));
  REQUIRE(nested.contains("scores"));
  const bj::array &scores = nested.at("scores").as_array();
  REQUIRE(scores.size() == 4);
  double sum = 0;
  for (const bj::value &s : scores) sum += s.to_number<double>();
  CHECK(nested.at("mean").to_number<double>() == Approx(sum / 4));
  CHECK(nested.at("best_params").as_array().size() == 4);
  CHECK(summary.contains("test_score"));  // the outer loop is on the training part; the test part stays held out
  CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string &l) { return l.find("nested CV: outer split") == 0; }) == 4);
  CHECK(study->count(-1) == 3);  // the inner studies are not trials of this one
}

TEST_CASE("in-memory arrays give the same study as the same data in a CSV file", "[cv][c_api]") {
  TempDir dir;
  const int n = 50;
  std::vector<double> x, y;
  std::string csv = "id,a,b,y\n";
  for (int i = 0; i < n; ++i) {
    const double a = std::sin(i * 1.3), b = std::cos(i * 0.7) + (i % 2);
    x.insert(x.end(), {static_cast<double>(i), a, b});
    y.push_back(i % 2 ? 5.0 : -1.0);  // labels need not be 0..k-1
    char line[128];
    std::snprintf(line, sizeof line, "%d,%.17g,%.17g,%s\n", i, a, b, i % 2 ? "5" : "-1");
    csv += line;
  }
  const std::string common = R"("trials": 4, "sampler": {"plugin": "random", "seed": 9}, "objective": {"cv": {"task": "classification",
    "model": "centroid", "splitter": {"plugin": "stratified", "options": {"n_splits": 3}}, "test_size": 0.2, "seed": 4)";
  auto from_file = make_study("{" + common + R"(, "data": ")" + dir.write("d.csv", csv) + R"(", "target": "y"}}})");
  from_file->run(0, nullptr);

  vn_context *ctx = nullptr;
  const std::string options = R"({"default_paths": false, "plugin_path": [")" + std::string(VERNIER_PLUGIN_BUILD_DIR) + R"(", ")" +
                              VERNIER_TEST_CV_PLUGIN_DIR + R"("]})";
  REQUIRE(vn_context_new(options.c_str(), &ctx) == VN_OK);
  const char *names[] = {"id", "a", "b"};
  vn_data_arrays arrays{};
  arrays.struct_size = sizeof arrays;
  arrays.n_rows = n;
  arrays.n_features = 3;
  arrays.features = x.data();
  arrays.feature_names = names;
  arrays.target = y.data();
  vn_study *study = nullptr;
  REQUIRE(vn_study_create_with_data(ctx, ("{" + common + "}}}").c_str(), &arrays, &study) == VN_OK);
  REQUIRE(vn_study_run(study, 0, nullptr, nullptr) == VN_OK);
  char *text = nullptr;
  REQUIRE(vn_study_summary_json(study, &text) == VN_OK);
  const bj::object summary = bj::parse(text).as_object();
  vn_free(text);
  const bj::object expected = from_file->summary();
  CHECK(summary.at("best").at("value").to_number<double>() == expected.at("best").at("value").to_number<double>());
  CHECK(summary.at("test_score").at("value").to_number<double>() == expected.at("test_score").at("value").to_number<double>());
  CHECK(summary.at("test_score").at("test_rows") == expected.at("test_score").at("test_rows"));

  vn_study_free(study);

  // The C API's own errors.
  CHECK(vn_study_create_with_data(ctx, ("{" + common + R"(, "target": "y"}}})").c_str(), &arrays, &study) == VN_E_INVALID);
  CHECK(study == nullptr);
  CHECK_THAT(vn_last_error(), Catch::Matchers::Contains("objective.cv.target: only with \"data\""));
  CHECK(vn_study_create_with_data(ctx, R"({"space": [{"name": "x", "type": "float", "low": 0, "high": 1}]})", &arrays, &study) == VN_E_INVALID);
  CHECK_THAT(vn_last_error(), Catch::Matchers::Contains("must be \"cv\""));
  x[4] = NAN;
  CHECK(vn_study_create_with_data(ctx, ("{" + common + "}}}").c_str(), &arrays, &study) == VN_E_INVALID);
  CHECK_THAT(vn_last_error(), Catch::Matchers::Contains("row 1, feature 1 ('a') is NaN"));
  vn_context_free(ctx);
}

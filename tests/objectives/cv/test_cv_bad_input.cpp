// Bad input to the cv objective: every message names the file, row, column, option or plugin at fault.
#include <catch2/catch.hpp>

#include "cv_fixture.hpp"

using namespace cv_test;

namespace {

std::string config(const std::string &data, const std::string &cv_keys, const std::string &top = "") {
  return R"({"trials": 2)" + top + R"(, "objective": {"cv": {"data": ")" + data + R"(", "target": "y", )" + cv_keys + "}}}";
}

}  // namespace

TEST_CASE("bad data files are refused at creation, naming row and column", "[cv][bad_input]") {
  TempDir dir;
  const std::string model = R"("task": "classification", "model": "centroid")";
  CHECK_THAT(creation_error(config(dir.write("ragged.csv", "a,y\n1,0\n2,1,3\n"), model)),
             Catch::Matchers::Contains("ragged.csv, line 3 (row 2) has 3 fields; the header has 2"));
  CHECK_THAT(creation_error(config(dir.write("text.csv", "a,y\n1,0\nx,1\n"), model)),
             Catch::Matchers::Contains("text.csv, line 3 (row 2), column 'a': 'x' is not a number"));
  CHECK_THAT(creation_error(config(dir.write("nan.csv", "a,y\n1,0\nnan,1\n"), model)), Catch::Matchers::Contains("column 'a': 'nan' is a missing value"));
  CHECK_THAT(creation_error(config(dir.write("inf.csv", "a,y\n1,0\ninf,1\n"), model)), Catch::Matchers::Contains("column 'a': 'inf' is infinite"));
  CHECK_THAT(creation_error(config(dir.write("notarget.csv", "a,b\n1,0\n"), model)),
             Catch::Matchers::Contains("target: no column 'y' in " + dir.file("notarget.csv") + " (columns: a, b)"));
  CHECK_THAT(creation_error(config(dir.write("one.csv", "a,y\n1,1\n2,1\n3,1\n"), model)), Catch::Matchers::Contains("has a single class"));
  CHECK_THAT(creation_error(config(dir.file("absent.csv"), model)), Catch::Matchers::Contains("cannot open data file '" + dir.file("absent.csv")));
}

TEST_CASE("too few rows, a missing group column, and splitter problems name the splitter", "[cv][bad_input]") {
  TempDir dir;
  const std::string small = dir.write("small.csv", classification_csv(6));
  CHECK_THAT(creation_error(config(small, R"("task": "classification", "model": "centroid", "test_size": 0,
                                           "splitter": {"plugin": "kfold", "options": {"n_splits": 10}})")),
             Catch::Matchers::Contains("objective.cv.splitter: splitter 'kfold': n_splits = 10 but the training part has only 6 rows"));
  const std::string data = dir.write("d.csv", classification_csv(30));
  CHECK_THAT(creation_error(config(data, R"("task": "classification", "model": "centroid", "groups": "site")")),
             Catch::Matchers::Contains("groups: no column 'site'"));
  CHECK_THAT(creation_error(config(data, R"("task": "classification", "model": "centroid", "splitter": "group")")),
             Catch::Matchers::Contains("splitter 'group': the dataset has no group column"));
  CHECK_THAT(creation_error(config(data, R"("task": "classification", "model": "centroid", "splitter": "nosuch")")),
             Catch::Matchers::Contains("objective.cv.splitter: unknown splitter 'nosuch'"));
  CHECK_THAT(creation_error(config(data, R"("task": "classification", "model": "centroid", "splitter": {"plugin": "kfold", "options": {"folds": 3}})")),
             Catch::Matchers::Contains("folds"));
  CHECK_THAT(creation_error(config(data, R"("task": "classification", "model": "centroid", "test_size": 29)")),
             Catch::Matchers::Contains("objective.cv.test_size: a test part of 29 of the 30 rows leaves fewer than two for training"));
  CHECK_THAT(creation_error(config(data, R"("task": "classification", "model": "centroid", "test_size": 1.5)")),
             Catch::Matchers::Contains("objective.cv.test_size: expected a fraction in [0, 1) or a whole number of rows"));
}

TEST_CASE("metrics: unknown, of the other task, or undefined on some fold", "[cv][bad_input]") {
  TempDir dir;
  const std::string data = dir.write("d.csv", classification_csv(30));
  CHECK_THAT(creation_error(config(data, R"("task": "classification", "model": "centroid", "metric": "precision")")),
             Catch::Matchers::Contains("objective.cv.metric: unknown metric 'precision' (classification metrics: accuracy"));
  CHECK_THAT(creation_error(config(data, R"("task": "classification", "model": "centroid", "metric": "rmse")")),
             Catch::Matchers::Contains("objective.cv.metric: 'rmse' is a regression metric; this is a classification task"));
  CHECK_THAT(creation_error(config(dir.write("three.csv", classification_csv(30, 3)), R"("task": "classification", "model": "centroid", "metric": "f1")")),
             Catch::Matchers::Contains("'f1' is for two classes; the target has 3 (use f1_macro)"));
  // kfold without shuffling over rows sorted by class: some validation fold holds one class only.
  std::string sorted = "a,y\n";
  for (int i = 0; i < 20; ++i) sorted += std::to_string(i) + "," + (i < 10 ? "0" : "1") + "\n";
  CHECK_THAT(creation_error(config(dir.write("sorted.csv", sorted),
                                   R"("task": "classification", "model": "centroid", "metric": "roc_auc", "test_size": 0, "splitter": "kfold")")),
             Catch::Matchers::Contains("objective.cv.metric: roc_auc: undefined for these rows"));
}

TEST_CASE("config mistakes name the key", "[cv][bad_input]") {
  TempDir dir;
  const std::string data = dir.write("d.csv", classification_csv(30));
  CHECK_THAT(creation_error(config(data, R"("task": "clasification", "model": "centroid")")),
             Catch::Matchers::Contains("objective.cv.task: expected \"classification\" or \"regression\", got \"clasification\""));
  CHECK_THAT(creation_error(config(data, R"("model": "centroid")")), Catch::Matchers::Contains("objective.cv.task: missing"));
  CHECK_THAT(creation_error(config(data, R"("task": "classification")")), Catch::Matchers::Contains("objective.cv.model: missing"));
  CHECK_THAT(creation_error(config(data, R"("task": "classification", "model": "nosuch")")),
             Catch::Matchers::Contains("objective.cv.model: unknown model 'nosuch'"));
  CHECK_THAT(creation_error(config(data, R"("task": "classification", "model": "centroid", "model_options": {"nosuch": 1})")),
             Catch::Matchers::Contains("nosuch"));
  CHECK_THAT(creation_error(config(data, R"("task": "classification", "model": "centroid", "standardise": true)")),
             Catch::Matchers::Contains("objective.cv.standardise: unknown key"));
  CHECK_THAT(creation_error(R"({"objective": {"cv": {"task": "classification", "model": "centroid"}}})"),
             Catch::Matchers::Contains("objective.cv.data: missing"));
  CHECK_THAT(creation_error(config(data, R"("task": "regression", "model": "centroid", "test_split": "stratified")")),
             Catch::Matchers::Contains("\"stratified\" needs a classification task"));
}

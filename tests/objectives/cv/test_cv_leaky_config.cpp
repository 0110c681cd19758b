// Configurations that leak across the test split or the folds are refused at creation, naming the
// conflict and the key that opts in; with the key they run (docs/config.md, "Leaky configurations").
#include <initializer_list>

#include <catch2/catch.hpp>

#include "cv_fixture.hpp"

using namespace cv_test;

namespace {

// 48 rows in 12 sites of 4 consecutive rows, "g,x,y".
std::string grouped_csv() {
  std::string csv = "g,x,y\n";
  for (int i = 0; i < 48; ++i) csv += "site" + std::to_string(i / 4) + "," + std::to_string(i % 5) + "," + std::to_string(i % 2) + "\n";
  return csv;
}

std::string config(const std::string &data, const std::string &cv_keys) {
  return R"({"trials": 2, "sampler": {"plugin": "random", "seed": 1}, "objective": {"cv": {"data": ")" + data +
         R"(", "target": "y", "task": "classification", "model": "centroid", )" + cv_keys + "}}}";
}

// Creates the study and runs its two trials: the opt-in is a working configuration, not only accepted.
void runs(const std::string &config_text) {
  auto study = make_study(config_text);
  study->run(0, nullptr);
  CHECK(study->summary().at("trials").at("complete").to_number<int64_t>() == 2);
}

// The configuration (cv keys `keys` over `data`) is refused with an error that contains `conflict` and names
// the key `opt_in` with its value; with that key set to true it runs.
void refused_unless_opted_into(const std::string &data, const std::string &keys, const std::string &conflict,
                               const std::string &opt_in) {
  const std::string error = creation_error(config(data, keys));
  CHECK_THAT(error, Catch::Matchers::Contains(conflict));
  CHECK_THAT(error, Catch::Matchers::Contains("\"" + opt_in + "\": true"));
  runs(config(data, keys + ", \"" + opt_in + "\": true"));
}

// Each of `splits` as the test split beside `splitter_keys` is refused with
// objective.cv.test_split: "<split>" <conflict>, unless opted into with `opt_in`.
void test_splits_refused_unless_opted_into(const std::string &data, const std::string &splitter_keys,
                                           std::initializer_list<const char *> splits, const std::string &conflict,
                                           const std::string &opt_in) {
  for (const char *split : splits) {
    INFO(split);
    refused_unless_opted_into(data, splitter_keys + R"("test_split": ")" + split + "\"",
                              std::string("objective.cv.test_split: \"") + split + "\" " + conflict, opt_in);
  }
}

}  // namespace

TEST_CASE("groups with a test split that ignores them are refused, unless opted into", "[cv][leak][config]") {
  TempDir dir;
  const std::string data = dir.write("g.csv", grouped_csv());
  const std::string splitter = R"("groups": "g", "splitter": {"plugin": "group", "options": {"n_splits": 3}}, )";
  test_splits_refused_unless_opted_into(data, splitter, {"random", "stratified", "last"},
                                        "with groups puts rows of one group in both the training and the test part",
                                        "allow_groups_across_test_split");
  runs(config(data, splitter + R"("test_split": "group")"));
  runs(config(data, splitter + R"("test_size": 0, "test_split": "random")"));  // no test part, nothing to leak into
}

TEST_CASE("groups with a splitter that does not keep groups together are refused, unless opted into", "[cv][leak][config]") {
  TempDir dir;
  const std::string data = dir.write("g.csv", grouped_csv());
  for (const char *plugin : {"kfold", "stratified"}) {
    INFO(plugin);
    const std::string keys = std::string(R"("groups": "g", "splitter": {"plugin": ")") + plugin + R"(", "options": {"n_splits": 3}})";
    refused_unless_opted_into(data, keys,
                              std::string("objective.cv.splitter: the data has groups, but splitter '") + plugin +
                                  "' does not keep a group's rows together",
                              "allow_groups_across_folds");
  }
  // The outer splitter of nested CV too.
  const std::string nested = R"("groups": "g", "splitter": {"plugin": "group", "options": {"n_splits": 3}},
                                 "outer": {"plugin": "kfold", "options": {"n_splits": 3}})";
  CHECK_THAT(creation_error(config(data, nested)),
             Catch::Matchers::Contains("objective.cv.outer: the data has groups, but splitter 'kfold' does not keep"));
  // Without "splitter", the data's groups choose the group splitter: a default is never leaky.
  runs(config(data, R"("groups": "g")"));
}

TEST_CASE("a time-ordered splitter with a test split that is not the last rows is refused, unless opted into", "[cv][leak][config]") {
  TempDir dir;
  const std::string data = dir.write("d.csv", classification_csv(48));
  const std::string splitter = R"("splitter": {"plugin": "timeseries", "options": {"n_splits": 3}}, )";
  test_splits_refused_unless_opted_into(data, splitter, {"random", "stratified"},
                                        "with splitter 'timeseries' (time-ordered) lets CV train on rows later than test rows",
                                        "allow_training_after_test");
  runs(config(data, splitter + R"("test_split": "last")"));
}

TEST_CASE("a time-ordered outer splitter, or a time-ordered CV inside an outer one that is not, is refused, unless opted into",
          "[cv][leak][config]") {
  TempDir dir;
  const std::string data = dir.write("d.csv", classification_csv(48));
  const std::string timeseries = R"({"plugin": "timeseries", "options": {"n_splits": 2}})";
  const std::string kfold = R"({"plugin": "kfold", "options": {"n_splits": 2, "shuffle": true}})";

  // The outer splitter is time-ordered: the test part must be the last rows, as for the inner one.
  const std::string outer_timed = R"("splitter": )" + kfold + R"(, "outer": )" + timeseries;
  const std::string random_test = outer_timed + R"(, "test_split": "random")";
  const std::string error = creation_error(config(data, random_test));
  CHECK_THAT(error, Catch::Matchers::Contains("objective.cv.test_split: \"random\" with splitter 'timeseries' (time-ordered)"));
  runs(config(data, random_test + R"(, "allow_training_after_test": true)"));
  runs(config(data, outer_timed));  // with neither given, the test part defaults to the last rows

  // A time-ordered inner CV inside a shuffled outer one trains on rows later than the outer fold it is scored on.
  const std::string inner_timed = R"("splitter": )" + timeseries + R"(, "outer": )" + kfold + R"(, "test_split": "last")";
  CHECK_THAT(creation_error(config(data, inner_timed)),
             Catch::Matchers::Contains("objective.cv.outer: splitter 'timeseries' (time-ordered) inside outer splitter 'kfold'"));
  runs(config(data, inner_timed + R"(, "allow_training_after_test": true)"));
  runs(config(data, R"("splitter": )" + timeseries + R"(, "outer": )" + timeseries));  // time-ordered all the way
}

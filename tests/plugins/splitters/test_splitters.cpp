// The bundled splitters through the host's SplitterHandle: their messages for bad input and the
// properties the cv objective relies on, on a training part whose rows are not 0..n-1.
#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "base/error.hpp"
#include "plugin_host/registry.hpp"
#include "plugin_host/splitter.hpp"
#include "../../build_plugins.hpp"

namespace {

namespace bj = boost::json;

const vernier::Registry &registry() { return vernier::testing::build_plugins(); }

struct Data {
  std::vector<double> x, y;
  std::vector<int64_t> groups, folds;
  const char *name = "x";
  vn_dataset view{};
  explicit Data(std::size_t n, bool classification = true) {
    for (std::size_t i = 0; i < n; ++i) {
      x.push_back(static_cast<double>(i));
      y.push_back(classification ? static_cast<double>(i % 3 == 0) : 0.5 * static_cast<double>(i));
      groups.push_back(static_cast<int64_t>(i / 4));
      folds.push_back(static_cast<int64_t>(i % 3) - (i % 7 == 0 ? 1 + static_cast<int64_t>(i % 3) : 0));
    }
    view.struct_size = sizeof view;
    view.task = classification ? VN_TASK_CLASSIFICATION : VN_TASK_REGRESSION;
    view.n_rows = n;
    view.n_features = 1;
    view.n_classes = classification ? 2 : 0;
    view.features = x.data();
    view.feature_names = &name;
    view.target = y.data();
  }
};

std::vector<vernier::Split> splits(const std::string &name, const bj::object &options, const vn_dataset &data,
                                   const std::vector<uint64_t> &rows, uint64_t seed = 0) {
  vernier::SplitterHandle s(registry(), name, options);
  return s.splits(data, rows, seed);
}

std::string error_of(const std::string &name, const bj::object &options, const vn_dataset &data, const std::vector<uint64_t> &rows) {
  try {
    splits(name, options, data, rows);
  } catch (const vernier::Error &e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("fewer rows than folds is an error naming the splitter and the counts", "[splitters][bad_input]") {
  Data d(3);
  CHECK(error_of("kfold", {{"n_splits", 5}}, d.view, {0, 1, 2}) == "splitter 'kfold': n_splits = 5 but the training part has only 3 rows");
  CHECK_THAT(error_of("stratified", {{"n_splits", 4}}, d.view, {0, 1, 2}), Catch::Matchers::Contains("n_splits = 4 but the training part has only 3 rows"));
  CHECK_THAT(error_of("timeseries", {{"n_splits", 3}}, d.view, {0, 1, 2}), Catch::Matchers::Contains("needs at least n_splits + 1 rows"));
}

TEST_CASE("a missing group or fold column, or a regression target for stratified, is refused by name", "[splitters][bad_input]") {
  Data d(20);
  std::vector<uint64_t> rows(20);
  for (uint64_t i = 0; i < 20; ++i) rows[i] = i;
  CHECK_THAT(error_of("group", {}, d.view, rows), Catch::Matchers::Contains("splitter 'group': the dataset has no group column (name it with \"groups\""));
  CHECK_THAT(error_of("predefined", {}, d.view, rows), Catch::Matchers::Contains("no fold-id column (name it with \"folds\""));
  Data r(20, false);
  CHECK_THAT(error_of("stratified", {}, r.view, rows), Catch::Matchers::Contains("needs a classification target"));
  CHECK_THAT(error_of("kfold", {{"n_splits", 1}}, d.view, rows), Catch::Matchers::Contains("n_splits"));
  CHECK_THAT(error_of("kfold", {{"repeats", 2}}, d.view, rows), Catch::Matchers::Contains("repeats > 1 needs \"shuffle\": true"));
  CHECK_THAT(error_of("kfold", {{"shufle", true}}, d.view, rows), Catch::Matchers::Contains("shufle"));
}

TEST_CASE("splits are of the rows given, which need not be 0..n-1", "[splitters]") {
  Data d(40);
  d.view.groups = d.groups.data();
  std::vector<uint64_t> rows;
  for (uint64_t i = 0; i < 40; i += 2) rows.push_back(i);  // every other row: a training part
  for (const char *name : {"kfold", "stratified", "group"}) {
    INFO(name);
    std::multiset<uint64_t> validated;
    for (const vernier::Split &s : splits(name, {{"n_splits", 4}}, d.view, rows)) {
      validated.insert(s.validation.begin(), s.validation.end());
      for (uint64_t r : s.train) CHECK(r % 2 == 0);
      CHECK(s.train.size() + s.validation.size() == rows.size());
    }
    CHECK(validated == std::multiset<uint64_t>(rows.begin(), rows.end()));  // each row validated exactly once
  }
}

TEST_CASE("shuffled and repeated k-fold: each repeat is a partition, and the seed decides the shuffle", "[splitters]") {
  Data d(30);
  std::vector<uint64_t> rows(30);
  for (uint64_t i = 0; i < 30; ++i) rows[i] = i;
  const auto a = splits("kfold", {{"n_splits", 3}, {"shuffle", true}, {"repeats", 2}}, d.view, rows, 1);
  REQUIRE(a.size() == 6);
  for (int r = 0; r < 2; ++r) {
    std::multiset<uint64_t> validated;
    for (int f = 0; f < 3; ++f) validated.insert(a[r * 3 + f].validation.begin(), a[r * 3 + f].validation.end());
    CHECK(validated == std::multiset<uint64_t>(rows.begin(), rows.end()));
  }
  CHECK(a[0].validation != a[3].validation);  // the repeats differ
  const auto b = splits("kfold", {{"n_splits", 3}, {"shuffle", true}, {"repeats", 2}}, d.view, rows, 2);
  CHECK(a[0].validation != b[0].validation);
  const auto c = splits("kfold", {{"n_splits", 3}, {"shuffle", true}, {"repeats", 2}, {"seed", 2}}, d.view, rows, 1);
  CHECK(c[0].validation == b[0].validation);  // the "seed" option overrides the host's seed
}

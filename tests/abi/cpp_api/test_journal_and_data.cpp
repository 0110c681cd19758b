// vernier.hpp: studies kept in a journal (reopened without a config, listed, read, attributes) and the
// cv objective on in-memory arrays (DataArrays).
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

#include "cpp_api_support.hpp"

using namespace cpp_api_test;
using vernier::AttrKind;
using vernier::TrialState;

// DataArrays are views: vectors that would be gone before the Study reads them are refused at compile time.
static_assert(std::is_constructible_v<vernier::DataArrays, const std::vector<double> &, uint32_t, const std::vector<double> &>);
static_assert(!std::is_constructible_v<vernier::DataArrays, std::vector<double>, uint32_t, const std::vector<double> &>);
static_assert(!std::is_constructible_v<vernier::DataArrays, const std::vector<double> &, uint32_t, std::vector<double>>);
template <class V, class = void>
struct TakesGroups : std::false_type {};
template <class V>
struct TakesGroups<V, std::void_t<decltype(std::declval<vernier::DataArrays &>().groups(std::declval<V>()))>>
    : std::true_type {};
static_assert(TakesGroups<const std::vector<int64_t> &>::value && !TakesGroups<std::vector<int64_t>>::value);

namespace {

std::string journal_config(const std::string &journal) {
  return R"({"name": "cpp-journal", "space": [{"name": "x", "type": "float", "low": -1, "high": 1}],
             "sampler": {"plugin": "random", "seed": 11}, "storage": ")" + journal + R"("})";
}

// 60 rows of 2 features; a target linear in them; 6 groups of 10 rows; fold ids 0..2 (every 4th row -1).
struct Synthetic {
  std::vector<double> features, target;
  std::vector<int64_t> groups, folds;
  Synthetic() {
    for (int i = 0; i < 60; ++i) {
      double a = std::sin(i * 1.7), b = std::cos(i * 0.9);
      features.insert(features.end(), {a, b});
      target.push_back(3 * a - 2 * b + 0.01 * std::sin(i * 13.1));
      groups.push_back(100 + i / 10);
      folds.push_back(i % 4 == 3 ? -1 : i % 3);
    }
  }
};

const std::string kRidge = R"({"name": "cpp-data", "sampler": {"plugin": "random", "seed": 2},
  "space": [{"name": "alpha", "type": "float", "low": 0.001, "high": 1, "log": true}],
  "objective": {"cv": {"task": "regression", "model": "ridge",
    "splitter": {"plugin": "kfold", "options": {"n_splits": 3}}, "metric": "rmse", "test_size": 0.2, "seed": 0}}})";

}  // namespace

TEST_CASE("A journal study: attributes, listing, reading, reopening", "[cpp_api]") {
  TempDir dir;
  const std::string journal = dir.file("study.journal");
  vernier::Context context(kContextOptions);
  {
    vernier::Study study(context, journal_config(journal));
    study.optimize(4, [](vernier::TrialView &t) { return t.get_float("x"); });
    study.set_attr("note", R"("for people")");
    study.set_attr("tool:owner", R"({"id": 3})", AttrKind::system);
    std::string attrs = study.attrs_json();
    CHECK(has(attrs, R"("note":"for people")"));
    CHECK(has(attrs, R"("tool:owner":{"id":3})"));
    expect_c_error([&] { study.set_attr("vernier:mine", "1", AttrKind::system); }, VN_E_INVALID, "vernier:");
    expect_c_error([&] { study.set_attr("key", "{oops"); }, VN_E_INVALID, "");
    expect_c_error([&] { study.set_attr("", "1"); }, VN_E_INVALID, "");
    expect_c_error([&] { study.set_attr("key", "1", static_cast<AttrKind>(7)); }, VN_E_INVALID, "");
  }

  std::string list = vernier::journal_list_json(journal);
  CHECK(has(list, R"("name":"cpp-journal")"));
  CHECK(has(list, R"("complete":4)"));
  std::string whole = vernier::journal_study_json(journal);  // the only study
  CHECK(has(whole, R"("study":"cpp-journal")"));
  CHECK(has(whole, R"("user_attrs":{"note":"for people"})"));
  CHECK(has(vernier::journal_study_json(journal, "cpp-journal"), R"("study":"cpp-journal")"));
  expect_c_error([&] { vernier::journal_study_json(journal, "other"); }, VN_E_NOT_FOUND, "other");
  expect_c_error([&] { vernier::journal_list_json(dir.file("missing.journal")); }, VN_E_NOT_FOUND, "missing.journal");

  vernier::Study reopened = vernier::Study::open(context, journal);
  CHECK(reopened.count(TrialState::complete) == 4);
  vernier::Trial next = reopened.ask();
  CHECK(next.number() == 4);
  reopened.tell(next, -5.0);
  vernier::Study by_name = vernier::Study::open(context, journal, std::string("cpp-journal"));
  CHECK(by_name.count() == 5);
  REQUIRE(by_name.best().has_value());
  CHECK(by_name.best()->value == -5.0);
  expect_c_error([&] { vernier::Study::open(context, dir.file("missing.journal")); }, VN_E_NOT_FOUND, "missing.journal");
  expect_c_error([&] { vernier::Study::open(context, journal, std::string("other")); }, VN_E_NOT_FOUND, "other");
}

TEST_CASE("DataArrays: the cv objective on arrays the program holds", "[cpp_api]") {
  Synthetic d;
  vernier::Context context(kContextOptions);

  vernier::DataArrays arrays(d.features, 2, d.target);
  arrays.feature_names({"alpha_feature", "beta_feature"});
  vernier::Study study(context, kRidge, arrays);
  study.run(3);
  CHECK(study.count(TrialState::complete) == 3);
  REQUIRE(study.best().has_value());
  CHECK(study.best()->value < 0.1);  // linear data: a ridge fits it closely
  CHECK(has(study.summary_json(), R"("test_score":{)"));

  // The pointer form, with fold ids for the predefined splitter and groups for the group splitter.
  vernier::DataArrays pointers(d.features.data(), d.target.size(), 2, d.target.data());
  pointers.folds(d.folds);
  vernier::Study predefined(context, R"({"name": "cpp-folds", "sampler": {"plugin": "random", "seed": 4},
    "space": [{"name": "alpha", "type": "float", "low": 0.01, "high": 1, "log": true}],
    "objective": {"cv": {"task": "regression", "model": "ridge", "splitter": "predefined", "test_size": 0}}})",
                            pointers);
  predefined.run(2);
  CHECK(predefined.count(TrialState::complete) == 2);
  CHECK(has(predefined.trials_json(), R"("2":)"));  // three folds: intermediate values 0, 1, 2

  vernier::DataArrays grouped(d.features, 2, d.target);
  grouped.groups(d.groups.data());
  vernier::Study by_group(context, R"({"name": "cpp-groups", "sampler": {"plugin": "random", "seed": 5},
    "space": [{"name": "alpha", "type": "float", "low": 0.01, "high": 1, "log": true}],
    "objective": {"cv": {"task": "regression", "model": "ridge",
      "splitter": {"plugin": "group", "options": {"n_splits": 3}}, "test_size": 0.25}}})",
                          grouped);
  by_group.run(1);
  CHECK(by_group.count(TrialState::complete) == 1);
}

TEST_CASE("DataArrays: sizes that disagree, and values the C API refuses", "[cpp_api]") {
  Synthetic d;
  std::vector<double> short_features(d.features.begin(), d.features.end() - 1);
  expect_error([&] { vernier::DataArrays a(short_features, 2, d.target); }, VN_E_INVALID, "119 feature values for 60 rows");
  vernier::DataArrays arrays(d.features, 2, d.target);
  expect_error([&] { arrays.feature_names({"only one"}); }, VN_E_INVALID, "1 feature names for 2 features");
  const std::vector<int64_t> three(3), sixty_one(61);
  expect_error([&] { arrays.groups(three); }, VN_E_INVALID, "3 group ids for 60 rows");
  expect_error([&] { arrays.folds(sixty_one); }, VN_E_INVALID, "61 fold ids for 60 rows");

  vernier::Context context(kContextOptions);
  d.features[2 * 7 + 1] = std::nan("");
  vernier::DataArrays with_nan(d.features, 2, d.target);
  expect_c_error([&] { vernier::Study s(context, kRidge, with_nan); }, VN_E_INVALID, "row 7, feature 1");
  // Arrays are for the cv objective only.
  expect_c_error([&] { vernier::Study s(context, R"({"space": [{"name": "x", "type": "int", "low": 0, "high": 1}]})", arrays); },
                 VN_E_INVALID, "cv");
}

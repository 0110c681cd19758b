// Dividing a dataset into fitting and scored rows: the fitting part's classes and one-hot vocabulary are
// its own rows'; the scored part is encoded with them (unknown levels all zeros, unknown classes counted
// and scored after the known ones) and carries no truth in the view a model is handed.
#include <catch2/catch.hpp>

#include "data/fitted_split.hpp"
#include "data/load.hpp"

using namespace vernier::data;

namespace {

std::shared_ptr<const Dataset> load(const std::string &text, uint32_t task = VN_TASK_CLASSIFICATION) {
  LoadOptions o;
  o.target = "y";
  o.task = task;
  o.categorical = {"c"};
  return load_csv_text(text, "t.csv", o);
}

std::vector<double> row(const Dataset &d, uint64_t r) {
  return std::vector<double>(d.features() + r * d.n_features(), d.features() + (r + 1) * d.n_features());
}

}  // namespace

TEST_CASE("the fitting part keeps its own classes and levels; the scored part is encoded with them", "[data][fitted]") {
  // Classes 1, 5, 9 and levels a, b, c in the file; rows 0-3 fit (classes 5 and 9, levels b and c).
  auto d = load("x,c,y\n1,b,5\n2,c,9\n3,b,9\n4,c,5\n5,a,1\n6,b,5\n7,a,9\n");
  REQUIRE(d->n_features() == 4);  // x, c=a, c=b, c=c
  const FittedSplit s = fitted_split(*d, {0, 1, 2, 3}, {4, 5, 6});
  CHECK(s.fitting->feature_names() == std::vector<std::string>{"x", "c=b", "c=c"});
  CHECK(s.fitting->class_labels() == std::vector<std::string>{"5", "9"});
  CHECK(s.fitting->target() == std::vector<double>{0, 1, 1, 0});
  CHECK(row(*s.fitting, 1) == std::vector<double>{2, 0, 1});
  CHECK(s.fitting->source_rows() == std::vector<uint64_t>{0, 1, 2, 3});

  const ScoredPart &t = s.scored;
  CHECK(t.data->feature_names() == s.fitting->feature_names());
  CHECK(t.data->n_classes() == 2);                                  // what the model was fitted with
  CHECK(row(*t.data, 0) == std::vector<double>{5, 0, 0});           // level a: unknown, all zeros
  CHECK(row(*t.data, 1) == std::vector<double>{6, 1, 0});
  CHECK(t.data->target() == std::vector<double>{0, 0, 0});          // no truth in the model's view
  CHECK(t.target == std::vector<double>{2, 0, 1});                  // class 1 after the known ones
  CHECK(t.n_classes == 3);
  CHECK(t.unseen_class_rows == 1);
  CHECK(t.unseen_level_cells == 2);
  CHECK(t.data->source_rows() == std::vector<uint64_t>{4, 5, 6});
  // The model's two columns widened to three: nothing for the class it never saw.
  CHECK(t.widen({0.25, 0.75, 1, 0, 0.5, 0.5}) == std::vector<double>{0.25, 0.75, 0, 1, 0, 0, 0.5, 0.5, 0});
}

TEST_CASE("regression: the scored part keeps its values for the metric only", "[data][fitted]") {
  auto d = load("x,c,y\n1,b,0.5\n2,c,1.5\n3,b,2.5\n4,a,3.5\n", VN_TASK_REGRESSION);
  const FittedSplit s = fitted_split(*d, {0, 1, 2}, {3});
  CHECK(s.fitting->target() == std::vector<double>{0.5, 1.5, 2.5});
  CHECK(s.scored.target == std::vector<double>{3.5});
  CHECK(s.scored.data->target() == std::vector<double>{0});
  CHECK(s.scored.unseen_level_cells == 1);
  CHECK(s.scored.n_classes == 0);
  CHECK(s.scored.widen({7.0}) == std::vector<double>{7.0});
}

TEST_CASE("features_seen keeps numeric features and the levels present in the rows", "[data][fitted]") {
  auto d = load("x,c,y\n1,b,0\n2,c,1\n3,a,1\n");
  CHECK(features_seen(*d, {0, 1}) == std::vector<uint32_t>{0, 2, 3});
  CHECK(features_seen(*d, {0, 1, 2}) == std::vector<uint32_t>{0, 1, 2, 3});
  auto g = d->gather({2, 0}, {0, 2});
  CHECK(g->feature_names() == std::vector<std::string>{"x", "c=b"});
  CHECK(g->one_hot().size() == 1);
  CHECK(g->one_hot()[0].first == 1);
  CHECK(g->one_hot()[0].count == 1);
  CHECK(row(*g, 0) == std::vector<double>{3, 0});
  CHECK(row(*g, 1) == std::vector<double>{1, 1});
}

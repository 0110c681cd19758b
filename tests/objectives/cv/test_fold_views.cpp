// The views a fold's model is handed (core/plugin_host/model_views.hpp, core/objectives/cv/fold_views.hpp): exactly its
// rows, predict's targets NaN, no fold ids; made once per study and handed out as the same objects on
// every trial, and, past the memory budget, made on use with the very same contents.
#include <cmath>
#include <cstring>

#include <catch2/catch.hpp>

#include "objectives/cv/cv_folds.hpp"

namespace {

using vernier::data::Dataset;

// 10 rows, 2 features (row r: r and 10 r), target r % 3 (3 classes), group r / 2, fold id r % 2.
std::shared_ptr<const Dataset> ten_rows() {
  Dataset::Columns c;
  c.task = VN_TASK_CLASSIFICATION;
  c.feature_names = {"a", "b"};
  c.class_labels = {"x", "y", "z"};
  std::vector<double> x;
  for (int r = 0; r < 10; ++r) {
    x.push_back(r);
    x.push_back(10.0 * r);
    c.target.push_back(r % 3);
    c.groups.push_back(r / 2);
    c.folds.push_back(r % 2);
    c.source_rows.push_back(100 + r);
  }
  return std::make_shared<Dataset>(std::move(c), std::move(x));
}

std::vector<vernier::Split> two_splits() {
  return {{{0, 2, 4, 6, 8}, {1, 3, 5, 7, 9}}, {{9, 7, 5, 3, 1}, {8, 6, 4, 2, 0}}};
}

bool same_bits(const double *a, const double *b, std::size_t n) { return std::memcmp(a, b, n * sizeof(double)) == 0; }

}  // namespace

TEST_CASE("a fit view holds exactly its rows; a predict view its rows with NaN targets", "[cv][views]") {
  const auto data = ten_rows();
  const std::vector<uint64_t> rows{7, 2, 5};
  const vernier::FitView fit = vernier::FitView::of(*data, rows);
  const vernier::PredictView predict = vernier::PredictView::of(*data, rows);
  for (const vernier::ModelView *v : {static_cast<const vernier::ModelView *>(&fit), static_cast<const vernier::ModelView *>(&predict)}) {
    const vn_dataset &d = v->view();
    REQUIRE(d.n_rows == 3);
    CHECK(v->rows() == std::vector<uint64_t>{0, 1, 2});
    CHECK(d.n_classes == 3);
    CHECK(d.folds == nullptr);  // how the host cut the data is no business of a model
    REQUIRE(d.groups != nullptr);
    for (uint64_t i = 0; i < 3; ++i) {
      CHECK(d.features[i * 2] == static_cast<double>(rows[i]));
      CHECK(d.features[i * 2 + 1] == 10.0 * static_cast<double>(rows[i]));
      CHECK(d.groups[i] == static_cast<int64_t>(rows[i] / 2));
      CHECK(v->source_row(i) == 100 + rows[i]);
    }
  }
  for (uint64_t i = 0; i < 3; ++i) {
    CHECK(fit.view().target[i] == static_cast<double>(rows[i] % 3));
    CHECK(std::isnan(predict.view().target[i]));
  }
  const vernier::PredictView scaled = predict.with_features(std::vector<double>(6, 0.5));
  CHECK(scaled.view().features[5] == 0.5);
  for (uint64_t i = 0; i < 3; ++i) CHECK(std::isnan(scaled.view().target[i]));  // still masked
}

TEST_CASE("a fold's views are made once and shared by every trial; past the budget, made on use alike",
          "[cv][views]") {
  const auto data = ten_rows();
  for (const bool standardize : {false, true}) {
    INFO("standardize " << standardize);
    const vernier::FoldSet cached(data, two_splits(), standardize);
    const vernier::FoldSet on_use(data, two_splits(), standardize, 0);  // no memory for views: made per call
    for (std::size_t f = 0; f < 2; ++f) {
      const auto a = cached.views(f), b = cached.views(f);
      CHECK(a.get() == b.get());  // the same objects, so the same addresses, trial after trial
      CHECK(&a->fit.view() == &b->fit.view());
      const auto c = on_use.views(f);
      CHECK(c.get() != on_use.views(f).get());
      REQUIRE(c->fit.n_rows() == 5);
      REQUIRE(c->predict.n_rows() == 5);
      CHECK(same_bits(a->fit.view().features, c->fit.view().features, 10));
      CHECK(same_bits(a->predict.view().features, c->predict.view().features, 10));
      CHECK(same_bits(a->fit.view().target, c->fit.view().target, 5));
      for (uint64_t i = 0; i < 5; ++i) {
        CHECK(a->fit.source_row(i) == 100 + cached.folds()[f].train[i]);
        CHECK(a->predict.source_row(i) == 100 + cached.folds()[f].validation[i]);
        CHECK(std::isnan(a->predict.view().target[i]));
        CHECK(std::isnan(c->predict.view().target[i]));
      }
    }
  }
}

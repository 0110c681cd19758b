#include "objectives/cv/cv_folds.hpp"

#include <cfloat>
#include <cmath>
#include <numeric>

#include "data/fitted_split.hpp"

namespace vernier {

Scaler::Scaler(const data::Dataset &data, const std::vector<uint64_t> &rows) {
  const std::size_t d = data.n_features();
  const double *x = data.features();
  mean_.assign(d, 0.0);
  scale_.assign(d, 0.0);
  for (uint64_t r : rows)
    for (std::size_t j = 0; j < d; ++j) mean_[j] += x[r * d + j];
  const double n = static_cast<double>(rows.size());
  for (double &m : mean_) m /= n;
  std::vector<double> sum_sq(d, 0.0);
  for (uint64_t r : rows)
    for (std::size_t j = 0; j < d; ++j) {
      const double dev = x[r * d + j] - mean_[j];
      sum_sq[j] += dev * dev;
    }
  for (std::size_t j = 0; j < d; ++j) {
    const double sd = std::sqrt(sum_sq[j] / n);
    // As scikit-learn: a (numerically) constant feature keeps scale 1 instead of dividing by ~0.
    scale_[j] = sd < 10 * DBL_EPSILON * std::max(1.0, std::abs(mean_[j])) ? 1.0 : sd;
  }
}

std::vector<double> Scaler::transform(const data::Dataset &data) const {
  const std::size_t d = data.n_features(), n = data.n_rows();
  const double *x = data.features();
  std::vector<double> out(n * d);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j) out[i * d + j] = (x[i * d + j] - mean_[j]) / scale_[j];
  return out;
}

FoldSet::FoldSet(std::shared_ptr<const data::Dataset> training, std::vector<Split> splits, bool standardize,
                 std::size_t cache_bytes)
    : training_(std::move(training)) {
  // A fold's two views hold every row of the training part once (and standardising briefly needs as much
  // again for the unscaled gather).
  const std::size_t copy_bytes = training_->n_rows() * training_->n_features() * sizeof(double);
  std::size_t cached = 0;
  for (Split &s : splits) {
    Fold f;
    f.train = std::move(s.train);
    f.validation = std::move(s.validation);
    f.features = data::features_seen(*training_, f.train);
    const std::shared_ptr<const data::Dataset> data = encoded(f);  // gathered once for the scaler and the views
    if (standardize) f.scaler = std::make_shared<Scaler>(*data, f.train);
    if (cached + copy_bytes <= cache_bytes) {
      f.views = std::make_shared<const FoldViews>(make_fold_views(*data, f.train, f.validation, f.scaler.get()));
      cached += copy_bytes;
    }
    folds_.push_back(std::move(f));
  }
}

std::shared_ptr<const data::Dataset> FoldSet::encoded(const Fold &fold) const {
  if (fold.features.size() == training_->n_features()) return training_;
  std::vector<uint64_t> rows(training_->n_rows());
  std::iota(rows.begin(), rows.end(), uint64_t{0});
  return training_->gather(rows, fold.features);
}

FoldViews FoldSet::make_views(const Fold &fold) const {
  return make_fold_views(*encoded(fold), fold.train, fold.validation, fold.scaler.get());
}

std::shared_ptr<const FoldViews> FoldSet::views(std::size_t f) const {
  const Fold &fold = folds_.at(f);
  if (fold.views) return fold.views;
  return std::make_shared<const FoldViews>(make_views(fold));
}

}  // namespace vernier

#include "plugin_host/model_views.hpp"

#include <cmath>
#include <cstring>
#include <numeric>

#include "base/error.hpp"

namespace vernier {

namespace {

// The rows of source, in order, as a dataset of their own; with mask_target every target is NaN. Fold ids
// are left out: they describe how the host cut the data, which is no business of a model.
std::shared_ptr<const data::Dataset> gather(const data::Dataset &source, const std::vector<uint64_t> &rows, bool mask_target) {
  const std::size_t d = source.n_features();
  data::Dataset::Columns c;
  c.task = source.task();
  c.feature_names = source.feature_names();
  c.class_labels = source.class_labels();
  c.target.reserve(rows.size());
  c.source_rows.reserve(rows.size());
  std::vector<double> x(rows.size() * d);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const uint64_t r = rows[i];
    if (r >= source.n_rows()) throw Error(VN_E_INTERNAL, "model view: row " + std::to_string(r) + " out of range");
    if (d > 0) std::memcpy(&x[i * d], source.features() + r * d, d * sizeof(double));
    c.target.push_back(mask_target ? std::nan("") : source.target()[r]);
    if (source.has_groups()) c.groups.push_back(source.groups()[r]);
    c.source_rows.push_back(source.source_rows()[r]);
  }
  return std::make_shared<data::Dataset>(std::move(c), std::move(x));
}

}  // namespace

ModelView::ModelView(std::shared_ptr<const data::Dataset> data) : data_(std::move(data)), rows_(data_->n_rows()) {
  std::iota(rows_.begin(), rows_.end(), uint64_t{0});
}

FitView FitView::of(const data::Dataset &source, const std::vector<uint64_t> &rows) {
  return FitView(gather(source, rows, false));
}

FitView FitView::with_features(std::vector<double> features) const { return FitView(data_->with_features(std::move(features))); }

PredictView PredictView::of(const data::Dataset &source, const std::vector<uint64_t> &rows) {
  return PredictView(gather(source, rows, true));
}

PredictView PredictView::with_features(std::vector<double> features) const {
  return PredictView(data_->with_features(std::move(features)));  // with_features keeps the (NaN) targets
}

}  // namespace vernier

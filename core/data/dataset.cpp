#include "dataset.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "../error.hpp"

namespace vernier::data {

Dataset::Dataset(Columns columns, std::vector<double> features) : columns_(std::move(columns)), owned_(std::move(features)) {
  if (owned_.size() != columns_.target.size() * columns_.feature_names.size())
    throw Error(VN_E_INTERNAL, "dataset: feature matrix of " + std::to_string(owned_.size()) + " values for " +
                                   std::to_string(columns_.target.size()) + " rows x " +
                                   std::to_string(columns_.feature_names.size()) + " features");
  build_view();
  view_.features = owned_.data();
}

void Dataset::build_view() {
  const std::size_t n = columns_.target.size();
  if ((!columns_.groups.empty() && columns_.groups.size() != n) || (!columns_.folds.empty() && columns_.folds.size() != n))
    throw Error(VN_E_INTERNAL, "dataset: group or fold column of the wrong length");
  if (columns_.source_rows.empty()) {
    columns_.source_rows.resize(n);
    std::iota(columns_.source_rows.begin(), columns_.source_rows.end(), uint64_t{0});
  }
  name_ptrs_.clear();
  for (const std::string &name : columns_.feature_names) name_ptrs_.push_back(name.c_str());
  view_ = vn_dataset{};
  view_.struct_size = sizeof(vn_dataset);
  view_.task = columns_.task;
  view_.n_rows = n;
  view_.n_features = static_cast<uint32_t>(columns_.feature_names.size());
  view_.n_classes = columns_.task == VN_TASK_CLASSIFICATION ? static_cast<uint32_t>(columns_.class_labels.size()) : 0;
  view_.feature_names = name_ptrs_.data();
  view_.target = columns_.target.data();
  view_.groups = columns_.groups.empty() ? nullptr : columns_.groups.data();
  view_.folds = columns_.folds.empty() ? nullptr : columns_.folds.data();
}

std::shared_ptr<const Dataset> Dataset::subset(const std::vector<uint64_t> &rows) const {
  const std::size_t d = n_features();
  Columns c;
  c.task = columns_.task;
  c.feature_names = columns_.feature_names;
  c.class_labels = columns_.class_labels;
  std::vector<double> x(rows.size() * d);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const uint64_t r = rows[i];
    if (r >= n_rows()) throw Error(VN_E_INTERNAL, "dataset: row " + std::to_string(r) + " out of range");
    if (d > 0) std::memcpy(&x[i * d], features() + r * d, d * sizeof(double));
    c.target.push_back(columns_.target[r]);
    if (has_groups()) c.groups.push_back(columns_.groups[r]);
    if (has_folds()) c.folds.push_back(columns_.folds[r]);
    c.source_rows.push_back(columns_.source_rows[r]);
  }
  return std::make_shared<Dataset>(std::move(c), std::move(x));
}

std::shared_ptr<const Dataset> Dataset::with_features(std::vector<double> features) const {
  return std::make_shared<Dataset>(columns_, std::move(features));
}

}  // namespace vernier::data

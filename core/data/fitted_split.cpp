#include "data/fitted_split.hpp"

#include <algorithm>

#include "base/error.hpp"

namespace vernier::data {

std::vector<uint32_t> features_seen(const Dataset &data, const std::vector<uint64_t> &rows) {
  const uint32_t d = data.n_features();
  std::vector<bool> keep(d, true);
  for (const Dataset::Columns::OneHot &group : data.one_hot())
    for (uint32_t j = group.first; j < group.first + group.count; ++j) {
      keep[j] = std::any_of(rows.begin(), rows.end(), [&](uint64_t r) { return data.features()[r * d + j] != 0.0; });
    }
  std::vector<uint32_t> out;
  for (uint32_t j = 0; j < d; ++j)
    if (keep[j]) out.push_back(j);
  return out;
}

namespace {

// Rows of `part` whose categorical column has no level left (every one of its features was dropped).
uint64_t unseen_level_cells(const Dataset &part) {
  const uint32_t d = part.n_features();
  uint64_t cells = 0;
  for (uint64_t r = 0; r < part.n_rows(); ++r)
    for (const Dataset::Columns::OneHot &group : part.one_hot()) {
      const double *x = part.features() + r * d + group.first;
      cells += std::all_of(x, x + group.count, [](double v) { return v == 0.0; });
    }
  return cells;
}

// The same rows and features with other class labels and another target.
std::shared_ptr<const Dataset> relabelled(const Dataset &part, std::vector<std::string> labels, std::vector<double> target) {
  Dataset::Columns c;
  c.task = part.task();
  c.feature_names = part.feature_names();
  c.class_labels = std::move(labels);
  c.target = std::move(target);
  c.groups = part.groups();
  c.folds = part.folds();
  c.source_rows = part.source_rows();
  c.one_hot = part.one_hot();
  return std::make_shared<Dataset>(std::move(c), std::vector<double>(part.features(), part.features() + part.n_rows() * part.n_features()));
}

}  // namespace

FittedSplit fitted_split(const Dataset &data, const std::vector<uint64_t> &fit_rows, const std::vector<uint64_t> &scored_rows) {
  if (fit_rows.empty()) throw Error(VN_E_INTERNAL, "fitted_split: no rows to fit on");
  const std::vector<uint32_t> features = features_seen(data, fit_rows);
  std::shared_ptr<const Dataset> fitting = data.gather(fit_rows, features);
  std::shared_ptr<const Dataset> scored = data.gather(scored_rows, features);

  FittedSplit out;
  out.scored.unseen_level_cells = unseen_level_cells(*scored);
  if (data.task() != VN_TASK_CLASSIFICATION) {
    out.fitting = std::move(fitting);
    out.scored.target = scored->target();
    out.scored.data = relabelled(*scored, {}, std::vector<double>(scored->n_rows(), 0.0));
    return out;
  }
  // The classes of the fitting rows, in the data's label order, numbered 0..k-1; the others after them.
  const uint32_t all = data.n_classes();
  std::vector<bool> seen(all, false);
  for (double y : fitting->target()) seen[static_cast<std::size_t>(y)] = true;
  std::vector<double> index_of(all);
  std::vector<std::string> known;
  for (uint32_t c = 0; c < all; ++c)
    if (seen[c]) {
      index_of[c] = static_cast<double>(known.size());
      known.push_back(data.class_labels()[c]);
    }
  const uint32_t k = static_cast<uint32_t>(known.size());
  // Classes the fitting rows lack get a column only when a scored row has them (an empty class has no AUC).
  std::vector<bool> scored_has(all, false);
  for (double y : scored->target()) scored_has[static_cast<std::size_t>(y)] = true;
  uint32_t unseen = 0;
  for (uint32_t c = 0; c < all; ++c)
    if (!seen[c] && scored_has[c]) index_of[c] = static_cast<double>(k + unseen++);
  std::vector<double> fit_target;
  for (double y : fitting->target()) fit_target.push_back(index_of[static_cast<std::size_t>(y)]);
  for (double y : scored->target()) {
    const double truth = index_of[static_cast<std::size_t>(y)];
    out.scored.target.push_back(truth);
    out.scored.unseen_class_rows += truth >= k;
  }
  out.scored.n_classes = k + unseen;
  out.fitting = relabelled(*fitting, known, std::move(fit_target));
  out.scored.data = relabelled(*scored, std::move(known), std::vector<double>(scored->n_rows(), 0.0));
  return out;
}

std::vector<double> ScoredPart::widen(const std::vector<double> &predictions) const {
  const uint32_t k = data->n_classes();
  if (data->task() != VN_TASK_CLASSIFICATION || k == n_classes) return predictions;
  std::vector<double> out(n_rows() * n_classes, 0.0);
  for (uint64_t i = 0; i < n_rows(); ++i) std::copy_n(&predictions[i * k], k, &out[i * n_classes]);
  return out;
}

}  // namespace vernier::data

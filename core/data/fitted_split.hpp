// Dividing a dataset into rows that fit and rows that are scored, with everything learned from data
// learned from the fitting rows alone (DESIGN.md section 5): the classes a model knows and the one-hot
// vocabulary of each categorical column. The cv objective divides so at the test split and at nested
// CV's outer splits, and inside CV restricts each fold's vocabulary to its training rows.
//
// The scored rows are encoded as production would encode new data (scikit-learn's
// OneHotEncoder(handle_unknown="ignore")): a level the fitting rows lack is all zeros in its column's
// features; a class they lack gets no probability from the model, so its rows count as wrong. Both are
// counted, so a summary can say how much of the scored part the model could not know.
#ifndef VERNIER_CORE_DATA_FITTED_SPLIT_HPP
#define VERNIER_CORE_DATA_FITTED_SPLIT_HPP

#include <cstdint>
#include <memory>
#include <vector>

#include "data/dataset.hpp"

namespace vernier::data {

// The rows scored by a model fitted on the fitting part.
struct ScoredPart {
  // What the model's predict is handed: the fitting part's features and classes, and no truth (the target
  // is 0 on every row), so a model has nothing to read from the rows it is scored on.
  std::shared_ptr<const Dataset> data;
  // The truth, for the metric: regression values, or class indices (the fitting part's classes 0..k-1,
  // then the classes it lacks from k on, in the data's label order).
  std::vector<double> target;
  uint32_t n_classes = 0;           // classification: the fitting part's classes plus those it lacks; else 0
  uint64_t unseen_class_rows = 0;   // rows of a class the fitting part lacks
  uint64_t unseen_level_cells = 0;  // (row, categorical column) cells of a level the fitting part lacks

  uint64_t n_rows() const { return target.size(); }
  // The model's probabilities (n_rows x data's classes) widened to n_classes columns, zeros for the
  // classes the fitting part lacks (a model cannot give them any). Regression: unchanged.
  std::vector<double> widen(const std::vector<double> &predictions) const;
};

struct FittedSplit {
  std::shared_ptr<const Dataset> fitting;  // classes and one-hot features of its own rows only
  ScoredPart scored;
};

// fit_rows and scored_rows: rows of data (each in the order wanted). fit_rows must not be empty.
FittedSplit fitted_split(const Dataset &data, const std::vector<uint64_t> &fit_rows, const std::vector<uint64_t> &scored_rows);

// The features a model fitted on `rows` of data may use, ascending: every numeric feature, and the
// one-hot features of the levels present in those rows.
std::vector<uint32_t> features_seen(const Dataset &data, const std::vector<uint64_t> &rows);

}  // namespace vernier::data

#endif  // VERNIER_CORE_DATA_FITTED_SPLIT_HPP

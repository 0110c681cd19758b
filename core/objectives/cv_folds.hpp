// The folds of a cv study, prepared once and shared by every trial: each split's training and validation
// rows, and the data its model sees. With "standardize", that is the training part scaled by a scaler
// fitted on the fold's training rows only (so no statistic of a validation row reaches the model); the
// scaled copies are made once per fold, not per trial, within a memory budget (past it, a fold's copy
// is made when the fold is evaluated).
#ifndef VERNIER_CORE_OBJECTIVES_CV_FOLDS_HPP
#define VERNIER_CORE_OBJECTIVES_CV_FOLDS_HPP

#include <cstdint>
#include <memory>
#include <vector>

#include "../data/dataset.hpp"
#include "../splitter.hpp"

namespace vernier {

// Standardisation to zero mean and unit variance (population variance, as scikit-learn's StandardScaler);
// a feature constant on the fitting rows is only centred.
class Scaler {
 public:
  // Fitted on `rows` of data.
  Scaler(const data::Dataset &data, const std::vector<uint64_t> &rows);
  // Every row of `data` scaled, row-major.
  std::vector<double> transform(const data::Dataset &data) const;

 private:
  std::vector<double> mean_, scale_;
};

struct Fold {
  std::vector<uint64_t> train, validation;  // rows of the training part
  std::shared_ptr<const data::Dataset> data;  // what the model sees; null: scale on use (see model_data)
  std::shared_ptr<const Scaler> scaler;        // set when standardising
};

class FoldSet {
 public:
  // training: the training part (the test part is not in it). Scales each fold when `standardize`.
  FoldSet(std::shared_ptr<const data::Dataset> training, std::vector<Split> splits, bool standardize,
          std::size_t cache_bytes = std::size_t(1) << 30);

  const std::vector<Fold> &folds() const { return folds_; }
  const data::Dataset &training() const { return *training_; }
  // The dataset fold f's model is fitted and scored on (the cached copy, or one made now).
  std::shared_ptr<const data::Dataset> model_data(std::size_t f) const;

 private:
  std::shared_ptr<const data::Dataset> training_;
  std::vector<Fold> folds_;
};

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVES_CV_FOLDS_HPP

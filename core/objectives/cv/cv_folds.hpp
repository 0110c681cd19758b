// The folds of a cv study, prepared once and shared by every trial: each split's training and validation
// rows, and the views its model is handed (fold_views.hpp): the fold's training rows alone to fit, its
// validation rows alone, targets NaN, to predict. Both hold the training part encoded as the fold's
// training rows know it: a categorical level only its validation rows have gets no feature (those rows
// are all zeros in that column, as new data in production; data/fitted_split.hpp), and with "standardize"
// the features are scaled by a scaler fitted on the fold's training rows only. So no level, statistic or
// target of a validation row reaches the model. The views are made once per fold, not per trial (so every
// trial hands a plugin the same addresses and contents), within a memory budget (past it, a fold's views
// are made when the fold is evaluated).
#ifndef VERNIER_CORE_OBJECTIVES_CV_CV_FOLDS_HPP
#define VERNIER_CORE_OBJECTIVES_CV_CV_FOLDS_HPP

#include <cstdint>
#include <memory>
#include <vector>

#include "data/dataset.hpp"
#include "plugin_host/splitter.hpp"
#include "objectives/cv/fold_views.hpp"

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
  std::vector<uint32_t> features;           // the training part's features the fold's model may use
  std::shared_ptr<const FoldViews> views;  // what the model is handed; null: made on use (see views())
  std::shared_ptr<const Scaler> scaler;    // set when standardising
};

class FoldSet {
 public:
  // training: the training part (the test part is not in it). Scales each fold when `standardize`.
  FoldSet(std::shared_ptr<const data::Dataset> training, std::vector<Split> splits, bool standardize,
          std::size_t cache_bytes = std::size_t(1) << 30);

  const std::vector<Fold> &folds() const { return folds_; }
  const data::Dataset &training() const { return *training_; }
  // The views fold f's model is fitted and scored on (the ones made at creation, or ones made now).
  std::shared_ptr<const FoldViews> views(std::size_t f) const;

 private:
  // The training part with the fold's features only (itself when the fold knows them all).
  std::shared_ptr<const data::Dataset> encoded(const Fold &fold) const;
  // The views of the fold's rows of encoded(fold), scaled when standardising.
  FoldViews make_views(const Fold &fold) const;

  std::shared_ptr<const data::Dataset> training_;
  std::vector<Fold> folds_;
};

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVES_CV_CV_FOLDS_HPP

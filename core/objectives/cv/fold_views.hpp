// The views a fold's model is handed (model_views.hpp): a fit view of the fold's training rows alone and a
// predict view of its validation rows alone, targets NaN. With "standardize", both are scaled by the
// scaler fitted on the fold's training rows. Built once per study (FoldSet) and shared by every trial.
#ifndef VERNIER_CORE_OBJECTIVES_CV_FOLD_VIEWS_HPP
#define VERNIER_CORE_OBJECTIVES_CV_FOLD_VIEWS_HPP

#include <cstdint>
#include <vector>

#include "data/dataset.hpp"
#include "plugin_host/model_views.hpp"

namespace vernier {

class Scaler;

struct FoldViews {
  FitView fit;          // the rows the model learns from
  PredictView predict;  // the rows it scores, in the order given
};

// Views of `train` and `predict` rows of source, scaled by `scaler` unless it is null.
FoldViews make_fold_views(const data::Dataset &source, const std::vector<uint64_t> &train,
                          const std::vector<uint64_t> &predict, const Scaler *scaler);

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVES_CV_FOLD_VIEWS_HPP

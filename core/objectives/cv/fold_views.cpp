#include "objectives/cv/fold_views.hpp"

#include "objectives/cv/cv_folds.hpp"

namespace vernier {

FoldViews make_fold_views(const data::Dataset &source, const std::vector<uint64_t> &train,
                          const std::vector<uint64_t> &predict, const Scaler *scaler) {
  FitView fit = FitView::of(source, train);
  PredictView scored = PredictView::of(source, predict);
  if (scaler == nullptr) return FoldViews{std::move(fit), std::move(scored)};
  // Scaling the gathered rows gives the very values scaling the whole source would (row by row, the same
  // formula), so a trial's scores do not depend on where the copy was made.
  FitView scaled_fit = fit.with_features(scaler->transform(fit.data()));
  PredictView scaled_predict = scored.with_features(scaler->transform(scored.data()));
  return FoldViews{std::move(scaled_fit), std::move(scaled_predict)};
}

}  // namespace vernier

// What a model plugin may read (DESIGN.md section 5.2: "a model is handed only what it may read";
// VN-ABI-10 in docs/abi.md). The host never hands a model a dataset holding rows it may not see: a fit gets
// a dataset of its training rows alone, a predict a dataset of the rows to score alone whose targets are
// all NaN. ModelHandle (model.hpp) takes nothing else, so no caller can pass the training part with a list
// of row indices and trust the plugin to stay inside it.
//
// Both views are datasets of their own (a copy of the rows, made once: the cv objective builds each
// fold's pair once per study and hands the same objects to every trial, so a plugin sees the same
// addresses and contents trial after trial), and every row of the view is used: rows() is 0..n-1.
#ifndef VERNIER_CORE_PLUGIN_HOST_MODEL_VIEWS_HPP
#define VERNIER_CORE_PLUGIN_HOST_MODEL_VIEWS_HPP

#include <cstdint>
#include <memory>
#include <vector>

#include "data/dataset.hpp"

namespace vernier {

// A dataset and all its rows, as handed to a model; built only by FitView and PredictView.
class ModelView {
 public:
  const data::Dataset &data() const { return *data_; }
  const vn_dataset &view() const { return data_->view(); }
  const std::vector<uint64_t> &rows() const { return rows_; }  // 0..n_rows-1
  uint64_t n_rows() const { return rows_.size(); }
  // The row's number in the original data (0-based, as test_rows counts), for messages.
  uint64_t source_row(uint64_t row) const { return data_->source_rows().at(row); }

 protected:
  explicit ModelView(std::shared_ptr<const data::Dataset> data);
  std::shared_ptr<const data::Dataset> data_;
  std::vector<uint64_t> rows_;
};

// What fit may read: the rows it learns from (features, targets, groups), nothing else.
class FitView : public ModelView {
 public:
  // The given rows of source, in that order, copied into a dataset of their own.
  static FitView of(const data::Dataset &source, const std::vector<uint64_t> &rows);
  // The same rows with other features (n_rows x n_features, e.g. standardised).
  FitView with_features(std::vector<double> features) const;

 private:
  using ModelView::ModelView;
};

// What predict may read: the rows to score (features, groups) with every target NaN, so a model that reads
// targets at predict learns nothing from them (and one built against dataset.h 1.0, which finds a target
// array there, does not crash).
class PredictView : public ModelView {
 public:
  // The given rows of source, in that order, copied into a dataset of their own with NaN targets.
  static PredictView of(const data::Dataset &source, const std::vector<uint64_t> &rows);
  // The same rows with other features (n_rows x n_features); the targets stay NaN.
  PredictView with_features(std::vector<double> features) const;

 private:
  using ModelView::ModelView;
};

}  // namespace vernier

#endif  // VERNIER_CORE_PLUGIN_HOST_MODEL_VIEWS_HPP

// A dataset as the cv objective holds it: features (row-major doubles, finite), a target (class indices
// for classification), optional group and fold-id columns, and the vn_dataset view (dataset.h) handed to
// models and splitters. The dataset owns its features (loaded from a CSV file, copied once from an
// embedding program's arrays, or gathered once for a subset of rows); a view never copies them.
#ifndef VERNIER_CORE_DATA_DATASET_HPP
#define VERNIER_CORE_DATA_DATASET_HPP

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vernier/plugin/dataset.h"

namespace vernier::data {

class Dataset {
 public:
  // Everything but the features, which the constructor takes.
  struct Columns {
    uint32_t task = VN_TASK_REGRESSION;
    std::vector<std::string> feature_names;
    std::vector<std::string> class_labels;  // classification: the label of each class index, in order
    std::vector<double> target;             // n_rows; class indices for classification
    std::vector<int64_t> groups;            // n_rows, or empty
    std::vector<int64_t> folds;             // n_rows, or empty
    std::vector<uint64_t> source_rows;      // n_rows: each row's number in the original data (0-based)
    // The one-hot encoded features: [first, first + count) are column's levels, one 0/1 feature each.
    struct OneHot {
      std::string column;
      uint32_t first = 0, count = 0;
    };
    std::vector<OneHot> one_hot;
  };

  // Owns the features (n_rows x feature_names.size(), row-major).
  Dataset(Columns columns, std::vector<double> features);
  Dataset(const Dataset &) = delete;
  Dataset &operator=(const Dataset &) = delete;

  // The view for plugins; valid as long as this dataset.
  const vn_dataset &view() const { return view_; }
  uint32_t task() const { return columns_.task; }
  uint64_t n_rows() const { return view_.n_rows; }
  uint32_t n_features() const { return view_.n_features; }
  uint32_t n_classes() const { return view_.n_classes; }
  const double *features() const { return view_.features; }
  const std::vector<double> &target() const { return columns_.target; }
  const std::vector<std::string> &feature_names() const { return columns_.feature_names; }
  const std::vector<std::string> &class_labels() const { return columns_.class_labels; }
  bool has_groups() const { return !columns_.groups.empty(); }
  bool has_folds() const { return !columns_.folds.empty(); }
  const std::vector<int64_t> &groups() const { return columns_.groups; }
  const std::vector<int64_t> &folds() const { return columns_.folds; }
  const std::vector<uint64_t> &source_rows() const { return columns_.source_rows; }
  const std::vector<Columns::OneHot> &one_hot() const { return columns_.one_hot; }

  // A new dataset owning a copy of the given rows (in the order given), with the same classes. The cv
  // objective uses it once per study for the training part, so plugins never get a pointer to test rows.
  std::shared_ptr<const Dataset> subset(const std::vector<uint64_t> &rows) const;
  // The given rows and the features `keep` (indices, ascending), in a new dataset that owns them; the
  // one-hot columns follow the features kept. Classes and target as here.
  std::shared_ptr<const Dataset> gather(const std::vector<uint64_t> &rows, const std::vector<uint32_t> &keep) const;
  // The same rows with other features (n_rows x n_features), e.g. standardised ones. Owns them.
  std::shared_ptr<const Dataset> with_features(std::vector<double> features) const;

  // A 64-bit FNV-1a hash of everything a model or splitter could see (task, feature names, class labels,
  // features, target, groups, folds), as 16 hex digits: equal data give equal fingerprints, so a stored
  // study can tell whether it is resumed on the data it was tuned on, whichever file or arrays hold them.
  std::string fingerprint() const;

 private:
  void build_view();

  Columns columns_;
  std::vector<double> owned_;
  std::vector<const char *> name_ptrs_;
  vn_dataset view_{};
};

}  // namespace vernier::data

#endif  // VERNIER_CORE_DATA_DATASET_HPP

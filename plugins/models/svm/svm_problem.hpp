// Rows of the host's dataset in libsvm's layout: for each row, its non-zero features as (1-based index, value)
// nodes followed by a terminator node of index -1, all in one contiguous buffer, plus a pointer to each row's
// first node (svm_problem.x). Exact zeros are left out: libsvm's kernels treat a missing index as 0, so the
// kernel values are the same and sparse data costs less.
//
// libsvm's model points into these nodes (its support vectors are not copied), so the buffer lives as long
// as the model; a query row is laid out into a small reusable buffer instead.
#ifndef VERNIER_MODELS_SVM_PROBLEM_HPP
#define VERNIER_MODELS_SVM_PROBLEM_HPP

#include <cstdint>
#include <vector>

#include <libsvm/svm.h>

#include "vernier/plugin/dataset.h"

namespace vernier::models {

class SvmRows {
 public:
  // Lays out rows[0..n) of data, replacing any earlier content.
  void assign(const vn_dataset &data, const uint64_t *rows, uint64_t n);
  svm_node **pointers() { return pointers_.data(); }
  svm_node *row(uint64_t i) { return pointers_[i]; }
  const svm_node *row(uint64_t i) const { return pointers_[i]; }
  uint64_t size() const { return pointers_.size(); }
  const std::vector<svm_node> &nodes() const { return nodes_; }

 private:
  std::vector<svm_node> nodes_;
  std::vector<svm_node *> pointers_;
};

// One query row laid out for svm_predict_values, reusing its buffer.
const svm_node *query_nodes(const double *x, uint32_t n_features, std::vector<svm_node> &buffer);

}  // namespace vernier::models

#endif  // VERNIER_MODELS_SVM_PROBLEM_HPP

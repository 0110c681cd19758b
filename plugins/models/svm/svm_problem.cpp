// libsvm's layout of dataset rows: see svm_problem.hpp.
#include "svm_problem.hpp"

#include "model_support/model_data.hpp"

namespace vernier::models {

void SvmRows::assign(const vn_dataset &data, const uint64_t *rows, uint64_t n) {
  const uint32_t d = data.n_features;
  uint64_t count = n;  // one terminator per row
  for (uint64_t i = 0; i < n; ++i) {
    const double *x = row_of(data, rows[i]);
    for (uint32_t j = 0; j < d; ++j) count += x[j] != 0.0;
  }
  nodes_.resize(count);
  pointers_.resize(n);
  svm_node *node = nodes_.data();
  for (uint64_t i = 0; i < n; ++i) {
    pointers_[i] = node;
    const double *x = row_of(data, rows[i]);
    for (uint32_t j = 0; j < d; ++j)
      if (x[j] != 0.0) *node++ = svm_node{static_cast<int>(j + 1), x[j]};
    *node++ = svm_node{-1, 0.0};
  }
}

const svm_node *query_nodes(const double *x, uint32_t n_features, std::vector<svm_node> &buffer) {
  buffer.resize(static_cast<std::size_t>(n_features) + 1);
  std::size_t k = 0;
  for (uint32_t j = 0; j < n_features; ++j)
    if (x[j] != 0.0) buffer[k++] = svm_node{static_cast<int>(j + 1), x[j]};
  buffer[k] = svm_node{-1, 0.0};
  return buffer.data();
}

}  // namespace vernier::models

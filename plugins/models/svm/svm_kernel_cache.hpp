// Kernel values kept across fits, so that the trials of a study on fixed folds stop recomputing them.
//
// libsvm computes kernel values as its solver needs them, again in every fit, and again at every prediction.
// Yet a study over C and gamma (GridSearchCV's classic grid) fits the same training rows of each fold once per
// trial and predicts the same validation rows. Every kernel this plugin offers is a function of gamma-free
// products of the rows (svm_kernel_math.hpp), so this cache keeps, per set of training rows:
//  - their dot products (n x n) and squared norms, from which the training kernel matrix of any gamma, degree
//    or coef0 follows with one exp (or power) per pair instead of a sparse dot product and an exp;
//  - the training kernel matrix of each kernel seen, handed to libsvm as a PRECOMPUTED kernel, so the fits
//    differing only in C reuse it outright;
//  - per set of query rows predicted with a model fitted on them: the query x training products (dot products,
//    and the squared distances libsvm's prediction formula uses) and, per kernel, the resulting kernel values,
//    laid out as PRECOMPUTED query rows.
// Every value is computed with libsvm's own formula and order of operations, so it is bit-identical to what
// libsvm computes; the solver follows the very same path and the predictions are the same (a test compares
// them with reuse on and off), only the kernel evaluations are saved.
//
// A set of rows is fitted the ordinary way at its first sight (a single fit would not amortise n^2 products,
// libsvm needs only some columns), and gets its products at the second fit of the same rows, under any kernel.
// Query rows likewise at their second prediction against the same training rows. Everything is kept least
// recently used first out within a memory budget, and matched on the exact rows (every index and value),
// never on a hash alone.
#ifndef VERNIER_MODELS_SVM_KERNEL_CACHE_HPP
#define VERNIER_MODELS_SVM_KERNEL_CACHE_HPP

#include <cstdint>
#include <list>
#include <vector>

#include <libsvm/svm.h>

#include "svm_kernel_math.hpp"
#include "svm_problem.hpp"

namespace vernier::models {

class KernelCache {
 public:
  explicit KernelCache(double budget_bytes) : budget_(budget_bytes) {}

  struct Fit {
    // The training kernel in libsvm's PRECOMPUTED layout (row i: node 0 {0, i + 1}, node j + 1 {j + 1, K(i, j)},
    // then {-1}), or NULL: fit the ordinary way.
    svm_node **matrix = nullptr;
    uint64_t rows_id = 0;  // names the training rows for query_kernel; 0 when they have no products yet
  };
  // For a fit of `rows` with param's kernel. The matrix is valid until the next call.
  Fit training_kernel(const SvmRows &rows, const svm_parameter &param);

  // For a prediction of `queries` by a model fitted on the rows named rows_id with param's kernel: query row q
  // in libsvm's PRECOMPUTED layout (node j + 1 holds K(query q, training row j)), or NULL: predict the
  // ordinary way. Valid until the next call.
  svm_node **query_kernel(uint64_t rows_id, const SvmRows &queries, const svm_parameter &param);

 private:
  // The identity of a set of rows: all their nodes, and a hash to skip most comparisons.
  struct RowsKey {
    std::vector<svm_node> nodes;
    uint64_t n_rows = 0, hash = 0;
    static RowsKey of(const SvmRows &rows);
    bool matches(const SvmRows &rows, uint64_t hash_of_rows) const;
  };
  struct Kernel {
    KernelKey key;
    std::vector<svm_node> nodes;  // rows x (n_train + 2)
    std::vector<svm_node *> pointers;
    double bytes() const;
    // `rows` rows over n_train training rows in the PRECOMPUTED layout, each row's pointer and terminator
    // {-1} set; nodes 0 .. n_train are the caller's to fill.
    static Kernel laid_out(const KernelKey &key, std::size_t rows, std::size_t n_train);
  };
  struct Queries {
    RowsKey rows;
    std::vector<double> dots, distances;  // n_queries x n_train, each computed when a kernel first needs it
    std::list<Kernel> kernels;            // most recently used first
    double bytes() const;                 // without the kernels
  };
  struct Training {
    uint64_t id = 0;
    RowsKey rows;
    std::vector<double> dots;     // n x n
    std::vector<double> squares;  // n: each row's dot product with itself
    std::list<Kernel> kernels;    // most recently used first
    std::list<Queries> queries;   // most recently used first
    std::list<uint64_t> seen_queries;  // hashes of query rows predicted once, most recent first
    double bytes() const;              // without the kernels and queries
  };

  Training *training_of(const SvmRows &rows, uint64_t hash);
  Kernel *training_matrix(Training &t, const KernelKey &key);
  Queries *queries_of(Training &t, const SvmRows &queries);
  Kernel *query_matrix(Training &t, Queries &q, const KernelKey &key);
  // Frees least recently used entries until `bytes` more fit, never `keep_training` or `keep_queries`
  // themselves (their kernels may go). False when they cannot fit.
  bool make_room(double bytes, const Training *keep_training, const Queries *keep_queries);

  double budget_;
  double used_ = 0;
  uint64_t next_id_ = 1;
  std::list<Training> trainings_;  // most recently used first
  std::list<uint64_t> seen_rows_;  // hashes of training rows fitted once, most recent first
};

}  // namespace vernier::models

#endif  // VERNIER_MODELS_SVM_KERNEL_CACHE_HPP

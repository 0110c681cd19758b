// libsvm's kernel arithmetic, reproduced operation for operation, so that a value computed here is
// bit-identical to the one libsvm computes itself (this plugin is built with -ffp-contract=off so that no
// multiply-add is fused where libsvm's code does not fuse it).
//
// Every kernel the svm plugin offers is a function of gamma-free products of the rows, which is what lets one
// set of products serve every gamma, C and degree:
//  - training (libsvm's Kernel::kernel_*, the solver's matrix): linear x_i.x_j; poly (gamma x_i.x_j + coef0)^d;
//    rbf exp(-gamma (|x_i|^2 + |x_j|^2 - 2 x_i.x_j)) with |x|^2 = x.x, all dot products by one sparse merge;
//  - prediction (libsvm's Kernel::k_function, query x against support vector y): linear and poly as above,
//    but rbf exp(-gamma sum_k (x_k - y_k)^2) — another formula, whose rounding differs, so prediction keeps its
//    own product (squared_distance), merged over the sparse indices in libsvm's order.
#ifndef VERNIER_MODELS_SVM_KERNEL_MATH_HPP
#define VERNIER_MODELS_SVM_KERNEL_MATH_HPP

#include <cmath>

#include <libsvm/svm.h>

namespace vernier::models {

// What a kernel reads of libsvm's parameters; two fits with equal keys have equal kernel values.
struct KernelKey {
  int type = RBF;
  int degree = 0;
  double gamma = 0, coef0 = 0;

  static KernelKey of(const svm_parameter &param);
  bool operator==(const KernelKey &o) const {
    return type == o.type && degree == o.degree && gamma == o.gamma && coef0 == o.coef0;
  }
};

// True for the kernels whose values this file reproduces (rbf, linear, poly).
bool reproducible(int kernel_type);

// libsvm's sparse dot product (Kernel::dot): a merge over indices, adding products in ascending index order.
double dot(const svm_node *x, const svm_node *y);

// libsvm's rbf bracket at prediction (Kernel::k_function): sum of squared differences, in its merge order.
double squared_distance(const svm_node *x, const svm_node *y);

// libsvm's powi: base^times by repeated squaring, in its order of multiplications.
inline double power(double base, int times) {
  double result = 1.0;
  for (int t = times; t > 0; t /= 2) {
    if (t % 2 == 1) result *= base;
    base *= base;
  }
  return result;
}

// The training kernel value of rows i and j from their dot product and squared norms (rbf only reads those).
inline double training_value(const KernelKey &k, double dot_ij, double square_i, double square_j) {
  if (k.type == RBF) return std::exp(-k.gamma * (square_i + square_j - 2 * dot_ij));
  if (k.type == POLY) return power(k.gamma * dot_ij + k.coef0, k.degree);
  return dot_ij;  // linear
}

// The prediction kernel value of a query and a training row from their dot product (linear, poly) or their
// squared distance (rbf); the unused one may be anything.
inline double prediction_value(const KernelKey &k, double dot_xy, double distance_xy) {
  if (k.type == RBF) return std::exp(-k.gamma * distance_xy);
  if (k.type == POLY) return power(k.gamma * dot_xy + k.coef0, k.degree);
  return dot_xy;  // linear
}

}  // namespace vernier::models

#endif  // VERNIER_MODELS_SVM_KERNEL_MATH_HPP

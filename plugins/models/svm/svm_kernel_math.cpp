// libsvm's kernel arithmetic: see svm_kernel_math.hpp.
#include "svm_kernel_math.hpp"

namespace vernier::models {

KernelKey KernelKey::of(const svm_parameter &param) {
  KernelKey k;
  k.type = param.kernel_type;
  // Only what the kernel reads is part of its identity (a linear kernel ignores gamma).
  if (param.kernel_type != LINEAR) k.gamma = param.gamma;
  if (param.kernel_type == POLY) {
    k.degree = param.degree;
    k.coef0 = param.coef0;
  }
  return k;
}

bool reproducible(int kernel_type) { return kernel_type == RBF || kernel_type == POLY || kernel_type == LINEAR; }

double dot(const svm_node *x, const svm_node *y) {
  double sum = 0;
  while (x->index != -1 && y->index != -1) {
    if (x->index == y->index) {
      sum += x->value * y->value;
      ++x;
      ++y;
    } else if (x->index > y->index) {
      ++y;
    } else {
      ++x;
    }
  }
  return sum;
}

double squared_distance(const svm_node *x, const svm_node *y) {
  double sum = 0;
  while (x->index != -1 && y->index != -1) {
    if (x->index == y->index) {
      const double d = x->value - y->value;
      sum += d * d;
      ++x;
      ++y;
    } else if (x->index > y->index) {
      sum += y->value * y->value;
      ++y;
    } else {
      sum += x->value * x->value;
      ++x;
    }
  }
  for (; x->index != -1; ++x) sum += x->value * x->value;
  for (; y->index != -1; ++y) sum += y->value * y->value;
  return sum;
}

}  // namespace vernier::models

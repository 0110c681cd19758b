// Probabilities from SVM decision values, for metrics that need them (log loss, ROC AUC):
//  - Platt scaling (J. Platt, "Probabilistic outputs for support vector machines", 1999) fits
//    P(positive | f) = 1 / (1 + exp(A f + B)) to decision values f that the SVM gave rows it was not trained on
//    (an internal, seeded 5-fold cross-validation), with the regularised targets and the Newton method of
//    H.-T. Lin, C.-J. Lin & R. C. Weng, "A note on Platt's probabilistic outputs for support vector machines",
//    Machine Learning 68, 2007;
//  - for more than two classes, the pairwise probabilities r_ij = P(i | i or j) are coupled into one
//    distribution by the second method of T.-F. Wu, C.-J. Lin & R. C. Weng, "Probability estimates for
//    multi-class classification by pairwise coupling", JMLR 5, 2004: min_p sum_i sum_{j!=i} (r_ji p_i - r_ij p_j)^2
//    subject to sum p = 1, solved exactly as a small linear system (its solution is non-negative, Theorem 2).
// libsvm's own probability mode does the same but shuffles its folds with the C library's global rand(), which
// is neither seeded per study nor safe across threads (VN-ABI-7, VN-ABI-8); this code draws from the seeded
// vernier::sdk::Rng instead.
#ifndef VERNIER_MODELS_SVM_PLATT_HPP
#define VERNIER_MODELS_SVM_PLATT_HPP

#include <cstdint>
#include <vector>

#include <Eigen/Dense>
#include <libsvm/svm.h>

namespace vernier::models {

struct Sigmoid {
  double A = 0, B = 0;
  double operator()(double decision) const;  // P(positive), kept inside [1e-7, 1 - 1e-7]
};

// Fits A and B to decision values and whether each row is positive.
Sigmoid fit_sigmoid(const std::vector<double> &decision, const std::vector<char> &positive);

// Decision values for rows x[0..n) (positive[i]: row i belongs to the positive class), each from a C-SVC
// trained with `param` on the other folds of a seeded 5-fold split. A fold whose training part holds one class
// gives that class's side (+1 or -1), as libsvm does.
std::vector<double> cross_validated_decisions(svm_node *const *x, const std::vector<char> &positive,
                                              const svm_parameter &param, uint64_t seed, uint64_t stream);

// p[0..k) from r (k x k, r(i, j) = P(i | i or j), r(j, i) = 1 - r(i, j)).
void couple_pairwise(const Eigen::MatrixXd &r, double *p);

}  // namespace vernier::models

#endif  // VERNIER_MODELS_SVM_PLATT_HPP

// Transforms of the targets before they are modelled (output warping).
//
// A GP with a stationary kernel and Gaussian noise fits badly to targets whose scale varies wildly: a few
// huge values (a diverged run, Rosenbrock's walls) make the standardised differences near the optimum
// smaller than the noise floor, and the model can no longer tell the good points apart — exactly where the
// search needs it. A monotone transform keeps the order of the targets (and so which one is best) and
// spreads out the good ones:
//  - rank: the Gaussian copula of Salinas, Shen & Perrone ("A quantile-based approach for hyperparameter
//    transfer learning", ICML 2020): y_i -> Phi^-1((rank_i - 1/2) / n), ties sharing their mean rank.
//    Scale-free and immune to outliers, including +-1e300.
//  - log: y -> log(y - min + c), c a hundredth of the spread between the best and the median, so the
//    best value does not become an outlier of its own.
//  - none: the targets as they are (the `gp` surrogate plugin's only mode: surrogate.h promises predictions
//    on the scale of y).
// Each is a function of the targets it is given and nothing else, so a model fitted to a prefix of the
// data is the same whatever came later (gp_fitter.hpp relies on that).
#ifndef VERNIER_GP_OUTPUT_TRANSFORM_HPP
#define VERNIER_GP_OUTPUT_TRANSFORM_HPP

#include <string>
#include <vector>

namespace vernier::gp {

enum class OutputTransform { None, Rank, Log };

// "none", "rank", "log"; throws std::invalid_argument otherwise.
OutputTransform output_transform_from_name(const std::string &name);

// The transformed targets (n finite values in, n finite values out, order preserved).
std::vector<double> transform_targets(OutputTransform transform, std::size_t n, const double *y);

}  // namespace vernier::gp

#endif  // VERNIER_GP_OUTPUT_TRANSFORM_HPP

// Acquisition functions: how much a point is worth evaluating next, given the posterior mean and variance
// of the objective there (lower objective values are better, as plugins always see them).
//
// With best the lowest observed value, s = sqrt(var) and z = (best - mean) / s:
//  - log_ei: log expected improvement, log(s h(z)) with h(z) = phi(z) + z Phi(z). Plain EI underflows to 0
//    wherever improvement is unlikely (z below about -38), which leaves an optimiser a flat landscape;
//    computed in log space with care in the tail it stays informative everywhere (Ament, Daulton, Eriksson,
//    Balandat & Bakshy, "Unexpected improvements to expected improvement for Bayesian optimization",
//    NeurIPS 2023). The default.
//  - ei: expected improvement s h(z) (Jones, Schonlau & Welch, "Efficient global optimization of expensive
//    black-box functions", J. Global Optim. 13, 1998).
//  - ucb: the lower confidence bound, maximised as sqrt(beta) s - mean (Srinivas, Krause, Kakade & Seeger,
//    "Gaussian process optimization in the bandit setting", ICML 2010).
//  - pi: probability of improvement Phi(z) (Kushner, 1964), maximised as log Phi(z) for the same reason as
//    log_ei.
// Every function is maximised; each comes with its derivatives with respect to mean and var.
#ifndef VERNIER_SAMPLERS_GP_ACQUISITION_HPP
#define VERNIER_SAMPLERS_GP_ACQUISITION_HPP

#include <string>

namespace vernier::gp_sampler {

enum class AcquisitionKind { LogEi, Ei, Ucb, Pi };

// "log_ei", "ei", "ucb", "pi"; throws std::invalid_argument for anything else.
AcquisitionKind acquisition_from_name(const std::string &name);

struct AcquisitionValue {
  double value;   // to maximise
  double d_mean;  // d value / d mean
  double d_var;   // d value / d var
};

class Acquisition {
 public:
  Acquisition(AcquisitionKind kind, double best, double beta, double variance_floor)
      : kind_(kind), best_(best), beta_(beta), variance_floor_(variance_floor) {}

  double value(double mean, double var) const { return evaluate(mean, var).value; }
  AcquisitionKind kind() const { return kind_; }
  AcquisitionValue evaluate(double mean, double var) const;

 private:
  AcquisitionKind kind_;
  double best_, beta_, variance_floor_;  // the floor keeps s > 0 where the posterior is certain
};

// Numerical building blocks, exposed for tests.
double log_h(double z);             // log(phi(z) + z Phi(z)), accurate for every finite z
double log_normal_cdf(double z);    // log Phi(z), accurate far into the lower tail
double erfcx(double x);             // exp(x^2) erfc(x) for x >= 0

}  // namespace vernier::gp_sampler

#endif  // VERNIER_SAMPLERS_GP_ACQUISITION_HPP

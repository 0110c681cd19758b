// The Parzen estimator of TPE: a weighted mixture with one kernel per observation plus a prior kernel,
// over one or several parameters jointly (Bergstra et al., "Algorithms for hyper-parameter optimization",
// NeurIPS 2011; Falkner et al., BOHB, ICML 2018, for the joint kernels; Watanabe, "Tree-structured Parzen
// estimator: understanding its algorithm components and their roles for better empirical performance",
// 2023, for the role of each component).
//
// Each component is a product over the estimator's parameters of
//  - a normal kernel truncated to the parameter's support (param_model.hpp), for continuous parameters;
//  - that kernel's mass on the value's grid cell, for discrete parameters;
//  - for categoricals, a distribution over the choices that puts weight 1 + p/(n+1) on the observed choice
//    and p/(n+1) on every choice (p the prior weight, n the number of observations), normalised: the
//    observed choice smoothed towards the uniform prior.
// The prior component is centred on the support with the support's width as bandwidth (uniform over the
// choices for categoricals), with weight `prior_weight`.
//
// Bandwidths, per parameter: Scott's rule as BOHB uses it for joint kernels, 0.2 * n^(-1/(d+4)) times the
// support's width for every observation (n observations, d parameters); or the neighbour gaps of Hyperopt
// and Optuna's univariate TPE, each kernel as wide as the larger of the gaps to the neighbouring centres
// (the support's ends counting as neighbours only with `consider_endpoints`), which adapts to how densely
// each region has been sampled. The "magic clip" keeps every bandwidth at least width / min(100, n + 2), and
// none exceeds the width.
//
// Observation weights fade older observations: the newest `n_full_weight` get weight 1, older ones a linear
// ramp from 1/n (the oldest) up to 1 (Bergstra et al., "Making a science of model search", ICML 2013).
//
// Densities (log_pdf) are per unit of each parameter's value for continuous parameters and probabilities
// for discrete and categorical ones, so they integrate (or sum) to 1 over the space of the parameters.
#ifndef VERNIER_TPE_PARZEN_ESTIMATOR_HPP
#define VERNIER_TPE_PARZEN_ESTIMATOR_HPP

#include <cstdint>
#include <vector>

#include "param_model.hpp"
#include "vernier/sdk/rng.hpp"

namespace vernier::tpe {

enum class Bandwidth { Scott, NeighbourGaps };

struct EstimatorSettings {
  double prior_weight = 1.0;     // > 0
  Bandwidth bandwidth = Bandwidth::NeighbourGaps;
  bool magic_clip = true;
  bool consider_endpoints = false;  // neighbour gaps: the support's ends count as neighbours
  uint32_t n_full_weight = 25;   // the newest observations with weight 1
  bool weight_by_bandwidth = false;  // log_pdf's mixture weights scaled by relative bandwidths (see there)
};

// The observation weights before normalisation, oldest first: n_full_weight ones at the end, a linear
// ramp from 1/n to 1 before them.
std::vector<double> observation_weights(uint64_t n, uint32_t n_full_weight);

class ParzenEstimator {
 public:
  // `observations`: one pointer per observation, oldest first, to a full internal point of the space
  // (indexed by ParamModel::index); every parameter of `params` is active (not NaN) in each of them.
  // The points are read during construction only.
  ParzenEstimator(std::vector<ParamModel> params, const std::vector<const double *> &observations,
                  const EstimatorSettings &settings);

  // Not copyable: continuous_mu_ and continuous_curvature_ point into kernels_ (a move keeps them valid).
  ParzenEstimator(const ParzenEstimator &) = delete;
  ParzenEstimator &operator=(const ParzenEstimator &) = delete;
  ParzenEstimator(ParzenEstimator &&) = default;
  ParzenEstimator &operator=(ParzenEstimator &&) = default;

  // `count` draws from the mixture into out (count x params().size(), row-major, internal values).
  void sample(vernier::sdk::Rng &rng, uint32_t count, double *out) const;

  // The log-density of `count` points (count x params().size(), row-major, internal values) into out.
  // With weight_by_bandwidth, this is the density of the mixture whose component weights are further
  // multiplied by the component's bandwidth relative to the support's width in every numeric parameter,
  // then renormalised: broad kernels (the prior above all) count more than narrow ones. It still
  // integrates to 1, but is no longer the density sample() draws from. Optuna's TPE scored candidates
  // this way up to version 3.4, through a truncated-normal log-density that omitted log(sigma).
  void log_pdf(const double *points, uint32_t count, double *out) const;

  const std::vector<ParamModel> &params() const { return params_; }
  std::size_t n_components() const { return log_constant_.size(); }

 private:
  struct Kernels {               // per parameter, one entry per component (the prior last)
    std::vector<double> mu, sigma, inv_sigma;   // numeric parameters, in model space
    std::vector<double> curvature;              // continuous parameters: -1 / (2 sigma^2)
    // Discrete parameters: kernels with the same centre and bandwidth (a repeated grid value; under
    // Scott's rule all observations share the bandwidth) give every cell the same mass, so log_pdf()
    // computes it once per distinct (centre, bandwidth): slot[i] indexes slot_mu / slot_inv_sigma.
    std::vector<uint32_t> slot;
    std::vector<double> slot_mu, slot_inv_sigma;
    std::vector<uint32_t> choice;               // categoricals: the observed choice (n observations)
    double log_hit = 0, log_miss = 0, log_prior = 0;  // categoricals: log probabilities (see above)
    double miss_mass = 0;  // categoricals: p/(n+1), the unnormalised mass of every choice (sampling)
  };

  void fit_numeric(const ParamModel &m, const std::vector<double> &values, uint64_t n_dims, Kernels &k) const;
  void fit_categorical(const ParamModel &m, const std::vector<double> &values, Kernels &k) const;
  static void share_masses(Kernels &k);

  std::vector<ParamModel> params_;
  EstimatorSettings settings_;
  uint64_t n_observations_ = 0;
  std::vector<Kernels> kernels_;
  std::vector<const double *> continuous_mu_, continuous_curvature_;  // into kernels_, continuous parameters
  std::vector<double> cumulative_;       // cumulative normalised weights, for choosing a component
  std::vector<double> log_constant_;     // log (scoring) weight minus the normalisers of the numeric kernels
};

}  // namespace vernier::tpe

#endif  // VERNIER_TPE_PARZEN_ESTIMATOR_HPP

// Fitting a GP to data: standardising the targets, choosing the hyperparameters by MAP (map_objective.hpp,
// box_lbfgs.hpp), and conditioning (gaussian_process.hpp), with the work of earlier fits reused. The prior
// mean is the targets' average, or with FitSettings::fitted_mean the maximum-likelihood constant; either
// way it is folded into the standardisation of the returned model.
//
// Reuse without losing determinism (VN-ABI-8: the model must be a function of the data alone, whatever
// this object computed before, so a resumed study proposes what the original run did):
//  - Hyperparameters are refitted at a fixed schedule of observation counts: every count up to
//    refit_every_until, then each time the count has grown by refit_growth. With n observations the
//    model uses the hyperparameters fitted to the first s(n) of them, s(n) the last scheduled count <= n.
//  - The fit at a scheduled count starts from the fit at the previous scheduled count (a warm start: few
//    iterations, and hyperparameters that evolve smoothly as data arrive), except at "anchors" (every
//    count below 16, and the first scheduled count of each octave 16, 32, 64, ...) where several fixed
//    starting points are tried (a cold start). So the result is defined by the data, and an object that
//    has not seen the earlier fits recomputes the chain from the last anchor (at most one octave).
//  - Hyperparameters are cached by a hash of the data prefix they were fitted to. The last model is kept,
//    and when the new data extend its inputs under the same hyperparameters it is extended in O(n^2) per
//    observation, which gives bit-for-bit the factor computed from scratch (gaussian_process.hpp).
#ifndef VERNIER_GP_GP_FITTER_HPP
#define VERNIER_GP_GP_FITTER_HPP

#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

#include "gaussian_process.hpp"
#include "output_transform.hpp"

namespace vernier::gp {

// Targets are modelled as mean + scale * (standardised value). The scale is the population standard
// deviation, or 1 when the targets are (numerically) constant; both are computed without overflow even
// for values near the largest double.
struct Standardizer {
  double mean = 0.0, scale = 1.0;
  static Standardizer of(std::size_t n, const double *y);
  double apply(double y) const;
};

// A GP with the standardisation of its targets: predictions on the scale of the modelled targets (the
// original ones, or their transform when FitSettings::transform is not None).
class FittedGp {
 public:
  FittedGp() = default;
  FittedGp(GaussianProcess gp, Standardizer s, std::vector<double> targets)
      : gp_(std::move(gp)), standardizer_(s), targets_(std::move(targets)) {}

  void predict(std::size_t m, const double *Xq, double *mean, double *var) const;
  void predict_with_gradient(const double *x, double &mean, double &var, double *dmean, double *dvar) const;
  // Adds an observation (original scale) without refitting or re-standardising, as batch samplers do with
  // "fantasy" observations; false when the factor cannot be extended (the model is then unchanged).
  bool append(const double *x, double y);

  const GaussianProcess &gp() const { return gp_; }
  const Standardizer &standardizer() const { return standardizer_; }
  // The modelled targets of the observations it was fitted to (fantasies excluded), in their order.
  const std::vector<double> &targets() const { return targets_; }

 private:
  GaussianProcess gp_;
  Standardizer standardizer_;
  std::vector<double> targets_;
};

struct FitSettings {
  // Least noise variance, in units of the targets' variance. Small, so that a deterministic objective is
  // interpolated: with 1e-6 (Optuna's floor) differences near Branin's minimum fell below the noise level
  // and the search crept instead of converging (median regret 6e-5 after 50 trials, against 1e-6 here).
  double noise_floor = 1e-10;
  bool fit_noise = true;             // false: the noise stays at noise_floor (deterministic objectives)
  int cold_evaluations = 120;        // objective evaluations per starting point of a cold fit
  int warm_evaluations = 40;         // ... of a warm-started fit
  uint64_t refit_every_until = 100;  // refit at every observation count up to this
  double refit_growth = 0.1;         // beyond it, refit when the count has grown by this fraction
  std::optional<Hyperparameters> fixed;  // use these and never fit (their size must match the features)
  OutputTransform transform = OutputTransform::None;  // applied to the targets (of each prefix) before fitting
  // false: the GP's prior mean is the targets' average. true: a constant fitted by maximum likelihood (the
  // generalised-least-squares mean 1'K^-1 y / 1'K^-1 1), which weighs each region of the space rather
  // than each observation: where a sampler has crowded its observations into a good region, the average
  // is biased towards good values, and every unexplored region looks promising.
  bool fitted_mean = false;
};

class GpFitter {
 public:
  explicit GpFitter(FitSettings settings = {});

  // A GP conditioned on n observations: X n x dims row-major features, y targets (finite). Throws
  // vernier::sdk::Error(VN_E_NUMERIC) when the covariance cannot be factorised even with jitter.
  FittedGp fit(std::size_t n, std::size_t dims, const double *X, const double *y, const std::vector<bool> &categorical);

  const FitSettings &settings() const { return settings_; }

  // The schedule (exposed for tests): whether the hyperparameters are refitted at count r, the scheduled
  // count that precedes r (0 if none), and whether r is an anchor (a cold start).
  bool is_refit_point(uint64_t r) const;
  uint64_t refit_point_at_or_below(uint64_t n) const;
  uint64_t previous_refit_point(uint64_t r) const;
  bool is_anchor(uint64_t r) const;

 private:
  Hyperparameters fit_hyperparameters(std::size_t n, std::size_t dims, const double *X, const double *y,
                                      const std::vector<bool> &categorical,
                                      const std::optional<Hyperparameters> &warm) const;
  Hyperparameters hyperparameters_for(std::size_t s, std::size_t dims, const double *X, const double *y,
                                      const std::vector<bool> &categorical, const std::vector<uint64_t> &prefix_hash);
  void remember(uint64_t key, const Hyperparameters &h);

  FitSettings settings_;
  std::unordered_map<uint64_t, Hyperparameters> cache_;
  std::deque<uint64_t> cache_order_;  // oldest first, for eviction
  std::optional<FittedGp> last_;       // the last model returned by fit()
  uint64_t last_inputs_hash_ = 0;      // hash of the inputs last_ was conditioned on
};

}  // namespace vernier::gp

#endif  // VERNIER_GP_GP_FITTER_HPP

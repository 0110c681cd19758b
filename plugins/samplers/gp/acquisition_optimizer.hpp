// Maximising the acquisition function over a search space of floats, ints, categoricals and conditions.
//
// 1. Candidates: scrambled Sobol points over the whole space, plus perturbations of the best observed
//    points (most of the acquisition's mass sits near them once the model is confident); for a space of
//    ints and categoricals small enough, every point instead (exhaustive search).
// 2. A few points are refined: the best candidate, the best observation, and candidates drawn with
//    probability proportional to their acquisition (diverse starts; Optuna's GPSampler does the same),
//    by alternating two moves until neither gains:
//    - the continuous coordinates (floats without a step) by bounded L-BFGS on the unit cube, with the
//      posterior's analytic gradients (box_lbfgs.hpp), in units of the kernel's lengthscales so that every
//      axis has the same curvature scale; with a surrogate that has no gradients, by a
//      derivative-free local search of shrinking random steps;
//    - each int, stepped float and categorical in turn by a line search: all its values when it has at
//      most 64, else its neighbours at distances 1, 2, 4, ... and a spread of values.
// 3. The best point wins, unless it repeats a point already observed, pending or chosen earlier in the
//    batch; then the best point that does not.
// A point is kept as a "full" vector with a value for every parameter, active or not, so that switching a
// categorical back and forth restores its children's values; the internal point masks inactive ones to
// NaN. Randomness comes from the trial's own (seed, trial number) (VN-ABI-8).
#ifndef VERNIER_SAMPLERS_GP_ACQUISITION_OPTIMIZER_HPP
#define VERNIER_SAMPLERS_GP_ACQUISITION_OPTIMIZER_HPP

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "acquisition.hpp"
#include "posterior.hpp"
#include "vernier/plugin/space.h"

namespace vernier::gp_sampler {

struct OptimizerSettings {
  uint32_t candidates = 2048;     // Sobol and local candidates scored before refinement
  uint32_t refine = 8;            // best candidates refined
  uint32_t max_rounds = 4;        // alternations of continuous and discrete moves per refined point
  int lbfgs_evaluations = 60;     // acquisition gradients per continuous move
  uint64_t exhaustive_limit = 4096;  // enumerate a discrete space with at most this many points
};

// A set of internal points compared bit for bit (any NaN equals any NaN).
class PointSet {
 public:
  explicit PointSet(uint32_t dims) : dims_(dims) {}
  void insert(const double *point);
  bool contains(const double *point) const;

 private:
  uint64_t key(const double *point) const;
  uint32_t dims_;
  std::unordered_set<uint64_t> keys_;
};

class AcquisitionOptimizer {
 public:
  AcquisitionOptimizer(const vn_space &space, Posterior &posterior, const Acquisition &acquisition,
                       const OptimizerSettings &settings);

  // The chosen internal point (n_params values). anchors: internal points of the best observations
  // (k x n_params), around which local candidates are drawn. taken: points not to propose again if any
  // other will do.
  std::vector<double> maximize(uint64_t seed, int64_t trial_number, const std::vector<double> &anchors,
                               const PointSet &taken);

 private:
  enum class Kind { Continuous, Discrete, Fixed };
  struct Scored {
    std::vector<double> full;
    double value;
  };

  std::vector<double> mask(const std::vector<double> &full) const;
  std::vector<double> score(const std::vector<std::vector<double>> &fulls);
  double score_one(const std::vector<double> &full);
  std::vector<std::vector<double>> sobol_candidates(uint64_t seed, int64_t trial_number, uint32_t count) const;
  std::vector<std::vector<double>> local_candidates(uint64_t seed, int64_t trial_number, const std::vector<double> &anchors,
                                                   uint32_t count) const;
  bool exhaustive_candidates(std::vector<std::vector<double>> &out) const;
  std::vector<Scored> refinement_starts(const std::vector<Scored> &pool, const std::vector<double> &anchors,
                                        uint64_t seed, int64_t trial_number);
  Scored refine(Scored start, uint64_t seed, int64_t trial_number, uint32_t index);
  bool continuous_move(Scored &point, uint64_t seed, int64_t trial_number, uint32_t index, uint32_t round);
  bool discrete_move(Scored &point, uint32_t j);

  const vn_space &space_;
  Posterior &posterior_;
  const Acquisition &acquisition_;
  OptimizerSettings settings_;
  std::vector<Kind> kinds_;
};

}  // namespace vernier::gp_sampler

#endif  // VERNIER_SAMPLERS_GP_ACQUISITION_OPTIMIZER_HPP

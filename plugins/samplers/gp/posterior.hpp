// The posterior the acquisition function is computed from, whichever surrogate provides it.
//  - GpPosterior: the GP fitted in process (plugins/common/gp_math), which also gives the gradients
//    of the mean and variance for the continuous refinement of the acquisition.
//  - PluginPosterior: any surrogate plugin created through the host's registry (vn.registry/1), used only
//    through its vtable: fit and predict, no gradients (surrogate.h has none in ABI 1.0).
// Both take points as internal values (NaN = inactive) and condition on "fantasy" observations, with which
// a batch sampler pretends a chosen point has been evaluated so the next one goes elsewhere.
#ifndef VERNIER_SAMPLERS_GP_POSTERIOR_HPP
#define VERNIER_SAMPLERS_GP_POSTERIOR_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "surrogate_support/encoding.hpp"
#include "gp_math/gp_fitter.hpp"
#include "vernier/plugin/surrogate.h"

namespace vernier::gp_sampler {

class Posterior {
 public:
  virtual ~Posterior() = default;
  // Mean and latent variance at m internal points (m x n_params, row-major).
  virtual void predict(std::size_t m, const double *points, double *mean, double *var) = 0;
  virtual bool has_gradient() const = 0;
  // At one point: mean, var and their derivatives with respect to the unit-cube coordinate (sdk to_unit)
  // of each parameter (n_params entries; 0 for categorical and inactive ones). Only when has_gradient().
  virtual void predict_with_gradient(const double *point, double &mean, double &var, double *dmean, double *dvar) = 0;
  // Conditions on one more observation, without refitting hyperparameters where that applies.
  virtual void add_fantasy(const double *point, double y) = 0;
  // The length in unit-cube coordinates over which the posterior varies, per parameter (n_params entries):
  // the gradient-based refinement works in units of it, which equalises the curvature across parameters.
  // 1 where the surrogate does not say.
  virtual std::vector<double> lengthscales() const = 0;
  // The targets of the real observations as modelled (after any output transform), in their order: the
  // scale of predictions, on which the incumbent and the fantasies are expressed.
  virtual const std::vector<double> &targets() const = 0;
};

class GpPosterior : public Posterior {
 public:
  // encoding: the GP's features over the space of the call (inactive numbers imputed at 0.5).
  GpPosterior(const surrogates::Encoding &encoding, gp::FittedGp model);
  void predict(std::size_t m, const double *points, double *mean, double *var) override;
  bool has_gradient() const override { return true; }
  void predict_with_gradient(const double *point, double &mean, double &var, double *dmean, double *dvar) override;
  void add_fantasy(const double *point, double y) override;
  std::vector<double> lengthscales() const override;
  const std::vector<double> &targets() const override { return model_.targets(); }

 private:
  const surrogates::Encoding &encoding_;
  gp::FittedGp model_;
  std::vector<double> features_, dmean_, dvar_;  // scratch
};

// A surrogate instance created through the registry, destroyed with this object.
struct SurrogateInstance {
  void *self = nullptr;
  const vn_surrogate_vtable *vtable = nullptr;
  std::string name;
  SurrogateInstance() = default;
  SurrogateInstance(const SurrogateInstance &) = delete;
  SurrogateInstance &operator=(const SurrogateInstance &) = delete;
  ~SurrogateInstance();
  // Throws vernier::sdk::Error with the surrogate's own message when status is not VN_OK.
  void check(vn_status status, const char *call) const;
};

class PluginPosterior : public Posterior {
 public:
  // Fits the surrogate to n observations (X n x n_params internal values, y targets). space must stay
  // valid while this object is used (it is: both live inside one suggest() call).
  PluginPosterior(SurrogateInstance &surrogate, const vn_space &space, std::vector<double> X, std::vector<double> y,
                  uint64_t seed);
  void predict(std::size_t m, const double *points, double *mean, double *var) override;
  bool has_gradient() const override { return false; }
  void predict_with_gradient(const double *, double &, double &, double *, double *) override;
  void add_fantasy(const double *point, double y) override;  // refits with the extra observation
  std::vector<double> lengthscales() const override { return std::vector<double>(space_.n_params, 1.0); }
  const std::vector<double> &targets() const override { return targets_; }

 private:
  void refit();
  SurrogateInstance &surrogate_;
  const vn_space &space_;
  std::vector<double> X_, y_;
  std::vector<double> targets_;  // y_ without the fantasies
  uint64_t seed_;
};

}  // namespace vernier::gp_sampler

#endif  // VERNIER_SAMPLERS_GP_POSTERIOR_HPP

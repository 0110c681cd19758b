#include "posterior.hpp"

#include <cmath>

#include "vernier/sdk/plugin.hpp"

namespace vernier::gp_sampler {

GpPosterior::GpPosterior(const surrogates::Encoding &encoding, gp::FittedGp model)
    : encoding_(encoding), model_(std::move(model)) {}

void GpPosterior::predict(std::size_t m, const double *points, double *mean, double *var) {
  features_.resize(m * encoding_.size());
  encoding_.encode_rows(m, points, features_.data());
  model_.predict(m, features_.data(), mean, var);
}

void GpPosterior::predict_with_gradient(const double *point, double &mean, double &var, double *dmean, double *dvar) {
  const std::size_t k = encoding_.size();
  features_.resize(k);
  dmean_.resize(k);
  dvar_.resize(k);
  encoding_.encode(point, features_.data());
  model_.predict_with_gradient(features_.data(), mean, var, dmean_.data(), dvar_.data());
  const uint32_t d = encoding_.space().size();
  for (uint32_t j = 0; j < d; ++j) dmean[j] = dvar[j] = 0.0;
  // A numeric feature is the parameter's unit coordinate itself; an inactive one is a constant.
  for (std::size_t f = 0; f < k; ++f) {
    const surrogates::Feature &feature = encoding_.features()[f];
    if (feature.categorical || std::isnan(point[feature.param])) continue;
    dmean[feature.param] = dmean_[f];
    dvar[feature.param] = dvar_[f];
  }
}

void GpPosterior::add_fantasy(const double *point, double y) {
  features_.resize(encoding_.size());
  encoding_.encode(point, features_.data());
  model_.append(features_.data(), y);  // a point the factor cannot take (a duplicate) is simply skipped
}

std::vector<double> GpPosterior::lengthscales() const {
  std::vector<double> out(encoding_.space().size(), 1.0);
  const Eigen::VectorXd &w = model_.gp().hyperparameters().inverse_squared_lengthscales;
  for (std::size_t f = 0; f < encoding_.size(); ++f)
    if (!encoding_.features()[f].categorical) out[encoding_.features()[f].param] = 1.0 / std::sqrt(w[static_cast<Eigen::Index>(f)]);
  return out;
}

SurrogateInstance::~SurrogateInstance() {
  if (self != nullptr && vtable != nullptr) vtable->destroy(self);
}

void SurrogateInstance::check(vn_status status, const char *call) const {
  if (status == VN_OK) return;
  const char *message = vtable->last_error(self);
  throw sdk::Error(status < 0 ? status : VN_E_INTERNAL,
                   "gp: surrogate '" + name + "': " + call + ": " +
                       (message != nullptr && *message != '\0' ? message : "failed without a message"));
}

PluginPosterior::PluginPosterior(SurrogateInstance &surrogate, const vn_space &space, std::vector<double> X,
                                 std::vector<double> y, uint64_t seed)
    : surrogate_(surrogate), space_(space), X_(std::move(X)), y_(std::move(y)), targets_(y_), seed_(seed) {
  refit();
}

void PluginPosterior::refit() {
  surrogate_.check(surrogate_.vtable->fit(surrogate_.self, &space_, y_.size(), X_.data(), y_.data(), seed_), "fit");
}

void PluginPosterior::predict(std::size_t m, const double *points, double *mean, double *var) {
  if (m == 0) return;
  surrogate_.check(surrogate_.vtable->predict(surrogate_.self, m, points, mean, var), "predict");
  // A surrogate that answers NaN or a negative variance must not steer the search: such points look
  // hopeless (the acquisition treats a non-finite mean as the worst).
  for (std::size_t q = 0; q < m; ++q) {
    if (!std::isfinite(mean[q])) mean[q] = HUGE_VAL;
    if (!(var[q] >= 0)) var[q] = 0.0;
  }
}

void PluginPosterior::predict_with_gradient(const double *, double &, double &, double *, double *) {
  throw sdk::Error(VN_E_INTERNAL, "gp: the surrogate '" + surrogate_.name + "' gives no gradients");
}

void PluginPosterior::add_fantasy(const double *point, double y) {
  X_.insert(X_.end(), point, point + space_.n_params);
  y_.push_back(y);
  refit();
}

}  // namespace vernier::gp_sampler

// The `gp` surrogate: exact Gaussian-process regression (gp_fitter.hpp) behind the surrogate.h vtable.
//
// Inputs are encoded into the unit cube (plugins/common/surrogate_support/encoding.hpp; inactive numbers imputed at the centre,
// inactive categoricals as a level of their own); targets are standardised; the kernel is Matérn-5/2 with
// one lengthscale per feature and a Hamming term for categoricals (kernel.hpp); hyperparameters are chosen
// by maximum a posteriori with analytic gradients (map_objective.hpp), or fixed by the options (how the
// scikit-learn cross-check compares the two implementations).
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "surrogate_support/encoding.hpp"
#include "gp_math/gp_fitter.hpp"
#include "gp_math/gp_options.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace {

using namespace vernier::sdk;
using vernier::gp::FittedGp;
using vernier::gp::GpFitter;
using vernier::surrogates::Encoding;

class GpSurrogate : public Instance {
 public:
  GpSurrogate(const vn_host *, const char *config_json) : fitter_(vernier::gp::gp_settings_from(config_json, "gp")) {}

  void fit(const vn_space &space, uint64_t n, const double *X, const double *y, uint64_t /*seed: the fit is deterministic*/) {
    model_.reset();
    check_space(space);
    for (uint64_t i = 0; i < n; ++i)
      if (!std::isfinite(y[i]))
        throw invalid("gp: fit: y[" + std::to_string(i) + "] is " + std::to_string(y[i]) + "; targets must be finite");
    encoding_ = Encoding(space, 0.5);
    if (fitter_.settings().fixed &&
        static_cast<std::size_t>(fitter_.settings().fixed->inverse_squared_lengthscales.size()) != encoding_.size())
      throw invalid("gp: option lengthscales has " +
                    std::to_string(fitter_.settings().fixed->inverse_squared_lengthscales.size()) +
                    " entries, the space has " + std::to_string(encoding_.size()) + " parameters that vary");
    const std::size_t k = encoding_.size();
    std::vector<double> features(static_cast<std::size_t>(n) * k);
    encoding_.encode_rows(n, X, features.data());
    model_ = fitter_.fit(static_cast<std::size_t>(n), k, features.data(), y, encoding_.categorical());
  }

  void predict(uint64_t m, const double *Xq, double *mean, double *var) {
    if (!model_) throw Error(VN_E_STATE, "gp: predict before a successful fit");
    const std::size_t k = encoding_.size();
    std::vector<double> features(static_cast<std::size_t>(m) * k);
    encoding_.encode_rows(m, Xq, features.data());
    model_->predict(static_cast<std::size_t>(m), features.data(), mean, var);
  }

 private:
  GpFitter fitter_;
  Encoding encoding_;
  std::optional<FittedGp> model_;
};

const vn_component kGp = component<GpSurrogate, VN_KIND_SURROGATE>(
    "gp", "1.0.0", "exact Gaussian process: Matern-5/2 ARD kernel, MAP hyperparameters, O(n^2) updates",
    vernier::gp::kGpOptionsSchema);

}  // namespace

VERNIER_SDK_ENTRY(&kGp)

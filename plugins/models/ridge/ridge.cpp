// Ridge regression: minimises ||y - Xw - b||^2 + alpha ||w||^2 in closed form. As in scikit-learn's Ridge the
// intercept is not penalised: X and y are centred on the training means, (Xc'Xc + alpha I) w = Xc'yc is
// solved by Cholesky, and b = mean(y) - mean(X) w. alpha = 0 (ordinary least squares) may leave Xc'Xc
// singular; then the minimum-norm solution is taken (complete orthogonal decomposition), as a least-squares
// solver would.
//
// The training rows are read in place from the host's view, a block at a time (no copy of the dataset);
// the model keeps only w and b.
#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "model_support/model_data.hpp"
#include "model_support/model_options.hpp"
#include "vernier/sdk/plugin.hpp"

namespace {

using namespace vernier;
using namespace vernier::models;
using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr const char *kName = "ridge";

constexpr const char *kOptions = R"json({"options": {
  "alpha": {"type": "number", "default": 1.0, "min": 0, "hyperparameter": true,
            "help": "L2 penalty on the coefficients (not on the intercept); 0 is ordinary least squares"},
  "fit_intercept": {"type": "bool", "default": true, "hyperparameter": true,
                    "help": "fit an unpenalised intercept (centre X and y on the training means)"}
}})json";

constexpr const char *kDefaultSpace = R"json([
  {"name": "alpha", "type": "float", "low": 1e-4, "high": 1e4, "log": true}
])json";

// Rows gathered per block: the cross products run as matrix products on blocks of this many rows.
constexpr uint64_t kBlock = 256;

class Ridge : public sdk::Instance {
 public:
  Ridge(const vn_host *, const char *config_json) : options_(kName, kOptions, config_json) {}

  void fit(const vn_dataset &data, const uint64_t *rows, uint64_t n, const vn_space &space, const double *hparams,
           uint64_t /*seed: ridge is deterministic*/) {
    const sdk::Options options = state_.begin_fit(options_, space, hparams, data, rows, n);
    require_task(kName, data, true, false);
    const double alpha = options.number("alpha");
    const bool intercept = options.boolean("fit_intercept");
    const Eigen::Index d = data.n_features;

    // Means of the training rows (zero without an intercept: nothing is centred).
    VectorXd mean_x = VectorXd::Zero(d);
    double mean_y = 0;
    if (intercept) {
      for (uint64_t i = 0; i < n; ++i) {
        mean_x += Eigen::Map<const VectorXd>(row_of(data, rows[i]), d);
        mean_y += data.target[rows[i]];
      }
      mean_x /= static_cast<double>(n);
      mean_y /= static_cast<double>(n);
    }

    // Gram matrix and right-hand side of the centred rows, block by block.
    MatrixXd gram = MatrixXd::Zero(d, d);
    VectorXd rhs = VectorXd::Zero(d);
    MatrixXd block(static_cast<Eigen::Index>(std::min<uint64_t>(n, kBlock)), d);
    VectorXd block_y(block.rows());
    for (uint64_t start = 0; start < n; start += kBlock) {
      const Eigen::Index m = static_cast<Eigen::Index>(std::min<uint64_t>(kBlock, n - start));
      for (Eigen::Index i = 0; i < m; ++i) {
        const uint64_t r = rows[start + static_cast<uint64_t>(i)];
        block.row(i) = Eigen::Map<const VectorXd>(row_of(data, r), d).transpose() - mean_x.transpose();
        block_y(i) = data.target[r] - mean_y;
      }
      gram.selfadjointView<Eigen::Lower>().rankUpdate(block.topRows(m).transpose());
      rhs.noalias() += block.topRows(m).transpose() * block_y.head(m);
    }
    gram = gram.selfadjointView<Eigen::Lower>();
    gram.diagonal().array() += alpha;

    Eigen::LLT<MatrixXd> cholesky(gram);
    if (alpha > 0 && cholesky.info() == Eigen::Success) {
      coef_ = cholesky.solve(rhs);
    } else {
      coef_ = gram.completeOrthogonalDecomposition().solve(rhs);  // minimum norm when singular
    }
    if (!coef_.allFinite())
      throw sdk::Error(VN_E_NUMERIC, "ridge: the solution is not finite (features too large for double precision?)");
    intercept_ = mean_y - mean_x.dot(coef_);
    state_.end_fit(data);
  }

  void predict(const vn_dataset &data, const uint64_t *rows, uint64_t n, double *out) {
    state_.check_predict(data, rows, n);
    const Eigen::Index d = data.n_features;
    for (uint64_t i = 0; i < n; ++i)
      out[i] = Eigen::Map<const VectorXd>(row_of(data, rows[i]), d).dot(coef_) + intercept_;
  }

 private:
  ModelOptions options_;
  FitState state_{kName};
  VectorXd coef_;
  double intercept_ = 0;
};

const vn_component kRidge = sdk::component<Ridge, VN_KIND_MODEL>(
    kName, "1.0.0", "ridge regression (L2), closed form; unpenalised intercept as in scikit-learn", kOptions,
    kDefaultSpace);

}  // namespace

VERNIER_SDK_ENTRY(&kRidge)

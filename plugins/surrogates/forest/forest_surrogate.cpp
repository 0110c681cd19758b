// The `forest` surrogate: a random forest of regression trees (regression_tree.hpp), SMAC-style. Each tree
// is grown on a bootstrap sample; the prediction at x is the mean of the trees' leaf means, and the
// variance is that of the mixture of the trees' leaves, Var = E_t[leaf variance + leaf mean^2] - mean^2 (the
// law of total variance, as in SMAC3's forest): trees that disagree, or leaves that hold spread-out
// targets, make the prediction uncertain.
//
// Inactive numeric parameters are imputed at -1, outside the unit cube, so one split separates them from
// every active value; inactive categoricals are a level of their own (plugins/common/surrogate_support/encoding.hpp).
#include <cmath>
#include <string>
#include <vector>

#include "surrogate_support/encoding.hpp"
#include "regression_tree.hpp"
#include "vernier/sdk/options.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/rng.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace {

using namespace vernier::sdk;
using vernier::forest::RegressionTree;
using vernier::forest::TreeData;
using vernier::forest::TreeSettings;
using vernier::surrogates::Encoding;

constexpr const char *kOptions = R"json({"options": {
  "trees": {"type": "int", "default": 24, "min": 1, "max": 1000, "help": "number of regression trees"},
  "bootstrap": {"type": "bool", "default": true, "help": "grow each tree on a bootstrap sample of the observations"},
  "min_samples_split": {"type": "int", "default": 2, "min": 2, "help": "a node with fewer observations is a leaf"},
  "min_samples_leaf": {"type": "int", "default": 1, "min": 1, "help": "least observations in a leaf"},
  "max_depth": {"type": "int", "default": 64, "min": 1, "max": 1000, "help": "deepest a tree may grow"},
  "feature_fraction": {"type": "number", "default": 0.8333333333333334, "min": 0.01, "max": 1,
                       "help": "share of the parameters considered at each split"}
}})json";

class ForestSurrogate : public Instance {
 public:
  ForestSurrogate(const vn_host *, const char *config_json) {
    const Options o(kOptions, config_json);
    trees_.resize(static_cast<std::size_t>(o.integer("trees")));
    bootstrap_ = o.boolean("bootstrap");
    settings_.min_samples_split = static_cast<uint32_t>(o.integer("min_samples_split"));
    settings_.min_samples_leaf = static_cast<uint32_t>(o.integer("min_samples_leaf"));
    settings_.max_depth = static_cast<uint32_t>(o.integer("max_depth"));
    settings_.feature_fraction = o.number("feature_fraction");
  }

  void fit(const vn_space &space, uint64_t n, const double *X, const double *y, uint64_t seed) {
    fitted_ = false;
    check_space(space);
    for (uint64_t i = 0; i < n; ++i)
      if (!std::isfinite(y[i]))
        throw invalid("forest: fit: y[" + std::to_string(i) + "] is " + std::to_string(y[i]) + "; targets must be finite");
    if (n > UINT32_MAX) throw invalid("forest: fit: too many observations");
    encoding_ = Encoding(space, -1.0);
    const std::size_t k = encoding_.size();
    std::vector<double> features(static_cast<std::size_t>(n) * k);
    encoding_.encode_rows(n, X, features.data());
    std::vector<uint32_t> levels;
    for (const auto &f : encoding_.features()) levels.push_back(f.levels);
    const TreeData data{static_cast<std::size_t>(n), k, features.data(), y, &encoding_.categorical(), &levels};
    prior_mean_ = 0;
    prior_variance_ = 1;
    if (n > 0) {  // with no tree able to say more, the observed spread is the honest uncertainty
      double sum = 0, squares = 0;
      for (uint64_t i = 0; i < n; ++i) sum += y[i];
      prior_mean_ = sum / static_cast<double>(n);
      for (uint64_t i = 0; i < n; ++i) squares += (y[i] - prior_mean_) * (y[i] - prior_mean_);
      prior_variance_ = n > 1 ? squares / static_cast<double>(n) : 1.0;
      if (!std::isfinite(prior_variance_)) prior_variance_ = std::numeric_limits<double>::max();
    }
    for (std::size_t t = 0; t < trees_.size() && n > 0; ++t) {
      Rng rng(seed, static_cast<int64_t>(t), 0x666f72657374ULL);  // one stream per tree: "forest"
      std::vector<uint32_t> rows(static_cast<std::size_t>(n));
      for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = bootstrap_ ? static_cast<uint32_t>(rng.below(n)) : static_cast<uint32_t>(i);
      trees_[t].grow(data, std::move(rows), settings_, rng);
    }
    observed_ = n;
    fitted_ = true;
  }

  void predict(uint64_t m, const double *Xq, double *mean, double *var) {
    if (!fitted_) throw Error(VN_E_STATE, "forest: predict before a successful fit");
    const std::size_t k = encoding_.size();
    std::vector<double> x(k);
    for (uint64_t q = 0; q < m; ++q) {
      if (observed_ == 0) {  // the prior: nothing observed yet
        mean[q] = prior_mean_;
        var[q] = prior_variance_;
        continue;
      }
      encoding_.encode(Xq + q * encoding_.space().size(), x.data());
      double sum = 0, second_moment = 0;
      for (const RegressionTree &tree : trees_) {
        const RegressionTree::Leaf &leaf = tree.leaf_for(x.data());
        sum += leaf.mean;
        second_moment += leaf.variance + leaf.mean * leaf.mean;
      }
      const double count = static_cast<double>(trees_.size());
      mean[q] = sum / count;
      const double v = second_moment / count - mean[q] * mean[q];
      var[q] = v > 0 && std::isfinite(v) ? v : (std::isfinite(v) ? 0.0 : std::numeric_limits<double>::max());
    }
  }

 private:
  std::vector<RegressionTree> trees_;
  bool bootstrap_ = true;
  TreeSettings settings_;
  Encoding encoding_;
  bool fitted_ = false;
  uint64_t observed_ = 0;
  double prior_mean_ = 0, prior_variance_ = 1;
};

const vn_component kForest = component<ForestSurrogate, VN_KIND_SURROGATE>(
    "forest", "1.0.0", "random forest (SMAC-style): mean and variance across bootstrapped regression trees", kOptions);

}  // namespace

VERNIER_SDK_ENTRY(&kForest)

// The `gp` sampler: Bayesian optimisation with a Gaussian-process surrogate (or any surrogate plugin).
//
// Each suggestion: the first n_startup_trials observations come from a scrambled Sobol sequence (point
// <trial number>, so parallel workers and batches get distinct points); after that the surrogate is fitted
// to the history (observations.hpp), and the point maximising the acquisition function (acquisition.hpp)
// is found by acquisition_optimizer.hpp. Running trials and the earlier rows of a batch enter the model as
// "fantasies" (Ginsbourger, Le Riche & Carraro, "Kriging is well-suited to parallelize optimization",
// 2010): the kriging believer takes the posterior mean as their value, the constant liar the lowest, mean
// or highest observed value; either way the acquisition vanishes where a point is already being evaluated,
// so one batch never proposes it twice.
//
// The surrogate is named by the "surrogate" option. "gp" (the default) is the GP of plugins/common/gp_math
// linked in process, so its posterior gradients drive the acquisition's refinement and its fits are reused
// across suggestions (gp_fitter.hpp). Any other name is created through the host's registry extension
// (vn.registry/1, plugin.h) and used only through surrogate.h, with derivative-free refinement.
//
// References: Snoek, Larochelle & Adams, "Practical Bayesian optimization of machine learning algorithms",
// NeurIPS 2012; Shahriari, Swersky, Wang, Adams & de Freitas, "Taking the human out of the loop: a review
// of Bayesian optimization", Proc. IEEE 104, 2016.
#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/serialize.hpp>

#include "acquisition.hpp"
#include "acquisition_optimizer.hpp"
#include "surrogate_support/encoding.hpp"
#include "gp_math/gp_fitter.hpp"
#include "gp_math/gp_options.hpp"
#include "observations.hpp"
#include "posterior.hpp"
#include "sampler_support/seeded_sobol.hpp"
#include "vernier/sdk/options.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/sobol.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace {

using namespace vernier::sdk;
using namespace vernier::gp_sampler;

constexpr const char *kOptions = R"json({"options": {
  "surrogate": {"type": "string", "default": "gp",
                "help": "the surrogate model: gp (in process, with gradients) or the name of any surrogate plugin, e.g. forest"},
  "surrogate_options": {"type": "object", "default": {},
                        "help": "options of the surrogate (see its own options, e.g. deterministic or noise_floor for gp)"},
  "n_startup_trials": {"type": "int", "default": 10, "min": 1, "max": 100000,
                       "help": "observations taken from a scrambled Sobol sequence before the model is used"},
  "acquisition": {"type": "string", "default": "log_ei", "choices": ["log_ei", "ei", "ucb", "pi"],
                  "help": "acquisition function: log expected improvement, expected improvement, confidence bound, probability of improvement"},
  "beta": {"type": "number", "default": 2.0, "min": 0, "max": 1e6,
           "help": "ucb: weight of the standard deviation is sqrt(beta)"},
  "candidates": {"type": "int", "default": 2048, "min": 1, "max": 1000000,
                 "help": "points scored before refinement (3/4 Sobol, 1/4 around the best observations); beyond 128 observations fewer, as 1/n^2, down to max(256, candidates/4)"},
  "refine": {"type": "int", "default": 8, "min": 0, "max": 1000,
             "help": "best candidates refined by L-BFGS (continuous) and line searches (discrete)"},
  "fantasy": {"type": "string", "default": "believer", "choices": ["believer", "liar_min", "liar_mean", "liar_max"],
              "help": "value assumed for running trials and earlier batch rows: posterior mean, or the lowest, mean or highest observed value"},
  "pruned": {"type": "string", "default": "last_value", "choices": ["last_value", "worst", "ignore"],
             "help": "pruned trials: modelled at their last intermediate value, at the worst value, or ignored"},
  "output_transform": {"type": "string", "default": "none", "choices": ["none", "rank", "log"],
                       "help": "monotone transform of the values before they are modelled: Gaussian copula of their ranks, log above the best, or none"}
}})json";

enum class Fantasy { Believer, LiarMin, LiarMean, LiarMax };

Fantasy fantasy_from_name(const std::string &name) {
  if (name == "liar_min") return Fantasy::LiarMin;
  if (name == "liar_mean") return Fantasy::LiarMean;
  if (name == "liar_max") return Fantasy::LiarMax;
  return Fantasy::Believer;
}

class GpSampler : public Instance {
 public:
  GpSampler(const vn_host *host, const char *config_json) {
    const Options o(kOptions, config_json);
    surrogate_name_ = o.string("surrogate");
    const std::string surrogate_config = boost::json::serialize(o.json("surrogate_options"));
    transform_ = vernier::gp::output_transform_from_name(o.string("output_transform"));
    if (surrogate_name_ == "gp") {
      vernier::gp::FitSettings settings = vernier::gp::gp_settings_from(surrogate_config.c_str(), "gp sampler: surrogate_options");
      settings.transform = transform_;  // inside the fitter, so each data prefix is transformed on its own
      // A sampler crowds its observations into the good regions, which biases their average low: with it as
      // the prior mean every unexplored region (in 6-D, mostly the corners of the box) looks promising, and
      // log EI spent a third of Hartmann-6's trials there. The maximum-likelihood constant weighs regions
      // instead of observations (gp_fitter.hpp).
      settings.fitted_mean = true;
      fitter_.emplace(std::move(settings));
    } else {
      create_surrogate(host, surrogate_config);
    }
    n_startup_ = static_cast<uint64_t>(o.integer("n_startup_trials"));
    acquisition_ = acquisition_from_name(o.string("acquisition"));
    beta_ = o.number("beta");
    settings_.candidates = static_cast<uint32_t>(o.integer("candidates"));
    settings_.refine = static_cast<uint32_t>(o.integer("refine"));
    fantasy_ = fantasy_from_name(o.string("fantasy"));
    pruned_ = pruned_policy_from_name(o.string("pruned"));
  }

  void suggest(const vn_space &space, const vn_history &history, uint64_t seed, const int64_t *trial_numbers,
               uint32_t count, double *out) {
    check_space(space);
    check_history(space, history);
    const uint32_t d = space.n_params;
    if (d == 0 || count == 0) return;
    const Observations obs = collect_observations(history, pruned_);
    PointSet taken(d);
    for (std::size_t i = 0; i < obs.size(); ++i) taken.insert(obs.X.data() + i * d);
    for (std::size_t i = 0; i < obs.pending_size(); ++i) taken.insert(obs.pending.data() + i * d);

    std::optional<vernier::surrogates::Encoding> encoding;
    std::unique_ptr<Posterior> posterior;
    for (uint32_t r = 0; r < count; ++r) {
      const int64_t trial = trial_numbers[r];
      double *row = out + static_cast<std::size_t>(r) * d;
      if (obs.size() < n_startup_) {
        startup_point(space, seed, trial, row);
        taken.insert(row);
        continue;
      }
      if (!posterior) posterior = fit(space, obs, seed, encoding);
      const Acquisition acquisition(acquisition_, best_target(*posterior, obs), beta_, variance_floor(*posterior));
      AcquisitionOptimizer optimizer(space, *posterior, acquisition, settings_for(obs.size()));
      const std::vector<double> point = optimizer.maximize(seed, trial, anchors(obs), taken);
      std::copy(point.begin(), point.end(), row);
      taken.insert(row);
      if (r + 1 < count) posterior->add_fantasy(row, fantasy_value(*posterior, obs, row));
    }
  }

 private:
  void create_surrogate(const vn_host *host, const std::string &config) {
    const auto *registry = static_cast<const vn_registry_v1 *>(host->get_extension(host, VN_EXT_REGISTRY));
    if (registry == nullptr || registry->struct_size < VN_SIZE_THROUGH(vn_registry_v1, create) || registry->create == nullptr)
      throw Error(VN_E_UNSUPPORTED, "gp: surrogate '" + surrogate_name_ + "' is a plugin, and this host offers no " +
                                        VN_EXT_REGISTRY + " extension to create it; use \"surrogate\": \"gp\"");
    char err[512] = "";
    void *self = nullptr;
    const void *vtable = nullptr;
    const vn_status status =
        registry->create(host, VN_KIND_SURROGATE, surrogate_name_.c_str(), config.c_str(), &self, &vtable, err, sizeof err);
    if (status != VN_OK)
      throw Error(status < 0 ? status : VN_E_INTERNAL, "gp: surrogate '" + surrogate_name_ + "': " + err);
    surrogate_ = std::make_unique<SurrogateInstance>();
    surrogate_->self = self;
    surrogate_->vtable = static_cast<const vn_surrogate_vtable *>(vtable);
    surrogate_->name = surrogate_name_;
    const vn_surrogate_vtable *vt = surrogate_->vtable;
    if (vt == nullptr || vt->struct_size < VN_SIZE_THROUGH(vn_surrogate_vtable, destroy) || vt->fit == nullptr ||
        vt->predict == nullptr || vt->last_error == nullptr || vt->destroy == nullptr) {
      if (vt == nullptr || vt->destroy == nullptr) surrogate_->self = nullptr;  // cannot be freed: leak it
      throw Error(VN_E_INCOMPATIBLE, "gp: surrogate '" + surrogate_name_ + "' has an incomplete vtable");
    }
  }

  // Point <trial> of the Sobol sequence scrambled from the seed.
  void startup_point(const vn_space &space, uint64_t seed, int64_t trial, double *row) {
    if (trial < 0) throw invalid("gp: trial number " + std::to_string(trial) + " is negative");
    std::vector<double> u(space.n_params);
    sobol_.point(seed, static_cast<uint64_t>(trial), space.n_params, u.data());
    sample_point(space, u.data(), row);
  }

  std::unique_ptr<Posterior> fit(const vn_space &space, const Observations &obs, uint64_t seed,
                                 std::optional<vernier::surrogates::Encoding> &encoding) {
    std::unique_ptr<Posterior> posterior;
    if (fitter_) {
      encoding.emplace(space, 0.5);
      const std::size_t k = encoding->size();
      std::vector<double> features(obs.size() * k);
      encoding->encode_rows(obs.size(), obs.X.data(), features.data());
      posterior = std::make_unique<GpPosterior>(*encoding,
                                                fitter_->fit(obs.size(), k, features.data(), obs.y.data(), encoding->categorical()));
    } else {
      posterior = std::make_unique<PluginPosterior>(*surrogate_, space, obs.X,
                                                    vernier::gp::transform_targets(transform_, obs.size(), obs.y.data()), seed);
    }
    for (std::size_t i = 0; i < obs.pending_size(); ++i) {
      const double *point = obs.pending.data() + i * space.n_params;
      posterior->add_fantasy(point, fantasy_value(*posterior, obs, point));
    }
    return posterior;
  }

  double fantasy_value(Posterior &posterior, const Observations &obs, const double *point) const {
    const std::vector<double> &t = posterior.targets();
    switch (fantasy_) {
      case Fantasy::LiarMin: return *std::min_element(t.begin(), t.end());
      case Fantasy::LiarMax: return *std::max_element(t.begin(), t.end());
      case Fantasy::LiarMean: return std::accumulate(t.begin(), t.end(), 0.0) / static_cast<double>(t.size());
      case Fantasy::Believer: break;
    }
    double mean = 0, var = 0;
    posterior.predict(1, point, &mean, &var);
    return std::isfinite(mean) ? mean : best_target(posterior, obs);
  }

  // The incumbent improvement is measured from, on the modelled scale: the lowest posterior mean at the
  // best observed points ("plug-in" EI; Picheny, Wagner & Ginsbourger, "A benchmark of kriging-based infill
  // criteria for noisy optimization", Struct. Multidiscip. Optim. 48, 2013). For a model that interpolates
  // it is the best observed value; for one that explains part of the data as noise it is what the model
  // believes is achievable, and a lucky observation does not make every neighbour look hopeless.
  // Only complete trials count (any trial when none is complete); the 10 best by target are looked at.
  static double best_target(Posterior &posterior, const Observations &obs) {
    const std::vector<double> &t = posterior.targets();
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < t.size(); ++i)
      if (obs.complete[i]) order.push_back(i);
    if (order.empty()) {
      order.resize(t.size());
      std::iota(order.begin(), order.end(), std::size_t{0});
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return t[a] < t[b]; });
    order.resize(std::min<std::size_t>(order.size(), 10));
    const std::size_t d = obs.dims;
    std::vector<double> points, mean(order.size()), var(order.size());
    for (std::size_t i : order) points.insert(points.end(), obs.X.begin() + static_cast<std::ptrdiff_t>(i * d),
                                              obs.X.begin() + static_cast<std::ptrdiff_t>((i + 1) * d));
    posterior.predict(order.size(), points.data(), mean.data(), var.data());
    double best = HUGE_VAL;
    for (std::size_t k = 0; k < order.size(); ++k) best = std::min(best, std::isfinite(mean[k]) ? mean[k] : t[order[k]]);
    return best;
  }

  // A floor under the posterior variance: about 1e-12 of the targets' spread, so that a point the model is
  // certain of still has a finite z and the acquisition its gradient.
  static double variance_floor(const Posterior &posterior) {
    const std::vector<double> &t = posterior.targets();
    const vernier::gp::Standardizer s = vernier::gp::Standardizer::of(t.size(), t.data());
    return 1e-12 * s.scale * s.scale;
  }

  // Scoring a candidate costs O(n^2) (a triangular solve for its variance): beyond 128 observations the
  // number of candidates shrinks as 1/n^2, down to a quarter of the option or 256, so that the time per
  // suggestion stays bounded while the refinement, which is what finds the optimum, keeps its budget.
  OptimizerSettings settings_for(std::size_t n) const {
    OptimizerSettings s = settings_;
    if (n > 128) {
      const double shrink = (128.0 / static_cast<double>(n)) * (128.0 / static_cast<double>(n));
      const double floor = std::min<double>(settings_.candidates, std::max<double>(256.0, settings_.candidates / 4.0));
      s.candidates = static_cast<uint32_t>(std::max(floor, settings_.candidates * shrink));
    }
    return s;
  }

  // The best observations (up to 5), around which local candidates are drawn.
  static std::vector<double> anchors(const Observations &obs) {
    std::vector<std::size_t> order(obs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return obs.y[a] < obs.y[b]; });
    std::vector<double> out;
    for (std::size_t i = 0; i < order.size() && i < 5; ++i)
      out.insert(out.end(), obs.X.begin() + static_cast<std::ptrdiff_t>(order[i] * obs.dims),
                 obs.X.begin() + static_cast<std::ptrdiff_t>((order[i] + 1) * obs.dims));
    return out;
  }

  std::string surrogate_name_;
  std::optional<vernier::gp::GpFitter> fitter_;     // "gp": the GP in process, with its fit cache
  std::unique_ptr<SurrogateInstance> surrogate_;    // any other surrogate, from the registry
  uint64_t n_startup_ = 10;
  AcquisitionKind acquisition_ = AcquisitionKind::LogEi;
  double beta_ = 2.0;
  OptimizerSettings settings_;
  Fantasy fantasy_ = Fantasy::Believer;
  PrunedPolicy pruned_ = PrunedPolicy::LastValue;
  vernier::gp::OutputTransform transform_ = vernier::gp::OutputTransform::None;
  vernier::sampler_support::SeededSobol sobol_;
};

const vn_component kGp = component<GpSampler, VN_KIND_SAMPLER>(
    "gp", "1.0.0", "Bayesian optimisation: GP (or any surrogate plugin) with log expected improvement", kOptions);

}  // namespace

VERNIER_SDK_ENTRY(&kGp)

#include "gp_fitter.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "box_lbfgs.hpp"
#include "map_objective.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/rng.hpp"

namespace vernier::gp {

namespace {

constexpr std::size_t kCacheCapacity = 512;
constexpr uint64_t kFirstOctave = 16;
constexpr std::size_t kMultiStartUpTo = 64;  // cold fits of up to this many observations try several starts

uint64_t bits_of(double v) {
  uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

uint64_t combine(uint64_t h, uint64_t v) { return sdk::mix64(h ^ (v + sdk::kGoldenGamma + (h << 6) + (h >> 2))); }

// The starting points of a cold fit: short and long lengthscales, so both a wiggly and a smooth
// explanation of the data are tried; the best posterior wins.
std::vector<Hyperparameters> cold_starts(std::size_t dims, const FitSettings &s, std::size_t n) {
  std::vector<Hyperparameters> starts;
  // With many observations the posterior of the hyperparameters is peaked and a fit costs O(n^3) per
  // step: one start suffices there.
  const std::vector<double> lengthscale_starts = n <= kMultiStartUpTo ? std::vector<double>{1.0, 10.0} : std::vector<double>{1.0};
  for (double w : lengthscale_starts) {
    Hyperparameters h;
    h.inverse_squared_lengthscales = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(dims), w);
    h.signal_variance = 1.0;
    h.noise_variance = s.fit_noise ? std::max(s.noise_floor, 1e-3) : s.noise_floor;
    starts.push_back(h);
  }
  return starts;
}

// The maximum-likelihood constant mean of standardised targets ys under the model's covariance,
// 1'K^-1 ys / 1'K^-1 1, from the model's factor by forward substitution in a fixed order. Clamped into the
// range of the targets: an ill-conditioned covariance can give weights that extrapolate.
double constant_mean(const GaussianProcess &gp, const std::vector<double> &ys) {
  const std::size_t n = gp.size();
  if (n == 0) return 0.0;
  const Eigen::MatrixXd L = gp.factor();
  std::vector<double> a(n), b(n);  // L a = 1, L b = ys
  for (std::size_t r = 0; r < n; ++r) {
    double sa = 1.0, sb = ys[r];
    for (std::size_t c = 0; c < r; ++c) {
      const double l = L(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c));
      sa -= l * a[c];
      sb -= l * b[c];
    }
    const double pivot = L(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(r));
    a[r] = sa / pivot;
    b[r] = sb / pivot;
  }
  double ones = 0.0, cross = 0.0;
  for (std::size_t r = 0; r < n; ++r) {
    ones += a[r] * a[r];
    cross += a[r] * b[r];
  }
  if (!(ones > 0) || !std::isfinite(ones) || !std::isfinite(cross)) return 0.0;
  const auto [low, high] = std::minmax_element(ys.begin(), ys.end());
  return std::clamp(cross / ones, *low, *high);
}

}  // namespace

// ---- standardisation ---------------------------------------------------------------------------

Standardizer Standardizer::of(std::size_t n, const double *y) {
  Standardizer s;
  if (n == 0) return s;
  double largest = 0.0;
  for (std::size_t i = 0; i < n; ++i) largest = std::max(largest, std::abs(y[i]));
  if (!(largest > 0) || !std::isfinite(largest)) return s;  // all zero (or not finite: the caller's bug)
  // Work on y / largest, in [-1, 1], so neither the sum nor the squares can overflow.
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) sum += y[i] / largest;
  const double mean = sum / static_cast<double>(n);
  double squares = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = y[i] / largest - mean;
    squares += d * d;
  }
  const double sd = std::sqrt(squares / static_cast<double>(n));
  s.mean = mean * largest;
  // Constant targets (to rounding) have no scale of their own; 1 keeps predictions finite and is what
  // scikit-learn's normalize_y does.
  s.scale = sd > 1e-12 ? sd * largest : 1.0;
  return s;
}

double Standardizer::apply(double y) const { return (y - mean) / scale; }

// ---- the fitted model --------------------------------------------------------------------------

void FittedGp::predict(std::size_t m, const double *Xq, double *mean, double *var) const {
  gp_.predict(m, Xq, mean, var);
  const double scale2 = standardizer_.scale * standardizer_.scale;
  for (std::size_t q = 0; q < m; ++q) {
    mean[q] = standardizer_.mean + standardizer_.scale * mean[q];
    var[q] = std::min(var[q] * scale2, HUGE_VAL);
    if (!std::isfinite(var[q])) var[q] = std::numeric_limits<double>::max();
  }
}

void FittedGp::predict_with_gradient(const double *x, double &mean, double &var, double *dmean, double *dvar) const {
  gp_.predict_with_gradient(x, mean, var, dmean, dvar);
  const double scale = standardizer_.scale, scale2 = scale * scale;
  mean = standardizer_.mean + scale * mean;
  var *= scale2;
  for (std::size_t j = 0; j < gp_.dims(); ++j) {
    dmean[j] *= scale;
    dvar[j] *= scale2;
  }
}

bool FittedGp::append(const double *x, double y) { return gp_.append(x, standardizer_.apply(y)); }

// ---- the schedule ------------------------------------------------------------------------------

GpFitter::GpFitter(FitSettings settings) : settings_(std::move(settings)) {
  settings_.refit_every_until = std::max<uint64_t>(settings_.refit_every_until, 1);
  if (!(settings_.refit_growth > 0)) settings_.refit_growth = 0.1;
}

namespace {
// The scheduled count after r: r grown by `growth`, rounded up (a hair below, so that 100 * 1.1, which is
// 110.00000000000001 in binary, gives 110).
uint64_t next_after(uint64_t r, double growth) {
  return std::max(r + 1, static_cast<uint64_t>(std::ceil(static_cast<double>(r) * (1.0 + growth) - 1e-9)));
}
}  // namespace

bool GpFitter::is_refit_point(uint64_t r) const { return r >= 1 && refit_point_at_or_below(r) == r; }

uint64_t GpFitter::refit_point_at_or_below(uint64_t n) const {
  const uint64_t every = settings_.refit_every_until;
  if (n <= every) return n;
  uint64_t r = every;
  for (uint64_t next = next_after(r, settings_.refit_growth); next <= n; next = next_after(r, settings_.refit_growth))
    r = next;
  return r;
}

uint64_t GpFitter::previous_refit_point(uint64_t r) const {
  if (r <= 1) return 0;
  return refit_point_at_or_below(r - 1);
}

bool GpFitter::is_anchor(uint64_t r) const {
  if (r < kFirstOctave) return true;
  const uint64_t before = previous_refit_point(r);
  auto octave = [](uint64_t v) {
    int k = 0;
    while (v > 1) {
      v >>= 1;
      ++k;
    }
    return k;
  };
  return octave(before) < octave(r);
}

// ---- fitting -----------------------------------------------------------------------------------

Hyperparameters GpFitter::fit_hyperparameters(std::size_t n, std::size_t dims, const double *X, const double *y,
                                              const std::vector<bool> &categorical,
                                              const std::optional<Hyperparameters> &warm) const {
  Eigen::VectorXd lower, upper;
  hyperparameter_bounds(dims, settings_.noise_floor, settings_.fit_noise, lower, upper);
  const MapObjective objective(n, X, y, categorical, settings_.fitted_mean);
  const BoxObjective f = [&objective](const Eigen::VectorXd &theta, Eigen::VectorXd &g) { return objective(theta, g); };
  std::vector<Hyperparameters> starts = warm ? std::vector<Hyperparameters>{*warm} : cold_starts(dims, settings_, n);
  BoxLbfgsOptions options;
  options.max_evaluations = warm ? settings_.warm_evaluations : settings_.cold_evaluations;
  // The objective is a sum over n observations: a change of 1e-7 of it, or a gradient below 1e-3, moves
  // the hyperparameters by far less than their posterior uncertainty.
  options.gradient_tolerance = 1e-3;
  options.value_tolerance = 1e-7;
  BoxLbfgsResult best;
  best.value = HUGE_VAL;
  for (const Hyperparameters &start : starts) {
    BoxLbfgsResult r = minimize_in_box(f, pack(start), lower, upper, options);
    if (r.value < best.value) best = std::move(r);
  }
  if (best.value == HUGE_VAL) {
    // No starting point gave a finite posterior (a covariance that will not factorise without jitter):
    // keep the first start clamped into the box; conditioning adds the jitter it needs.
    return unpack(pack(starts.front()).cwiseMax(lower).cwiseMin(upper));
  }
  return unpack(best.x);
}

void GpFitter::remember(uint64_t key, const Hyperparameters &h) {
  if (cache_.emplace(key, h).second) {
    cache_order_.push_back(key);
    if (cache_order_.size() > kCacheCapacity) {
      cache_.erase(cache_order_.front());
      cache_order_.pop_front();
    }
  }
}

Hyperparameters GpFitter::hyperparameters_for(std::size_t s, std::size_t dims, const double *X, const double *y,
                                              const std::vector<bool> &categorical,
                                              const std::vector<uint64_t> &prefix_hash) {
  // Walk back along the schedule to a cached fit or an anchor, then fit forward, warm-starting each
  // scheduled count from the one before.
  std::vector<uint64_t> chain;
  std::optional<Hyperparameters> start;
  for (uint64_t r = s;; r = previous_refit_point(r)) {
    if (auto hit = cache_.find(prefix_hash[r]); hit != cache_.end()) {
      start = hit->second;
      break;
    }
    chain.push_back(r);
    if (is_anchor(r)) break;
  }
  while (!chain.empty()) {
    const uint64_t r = chain.back();
    chain.pop_back();
    // Each prefix is transformed and standardised on its own, as a model fitted to exactly those
    // observations would be.
    const std::vector<double> t = transform_targets(settings_.transform, r, y);
    const Standardizer standardizer = Standardizer::of(r, t.data());
    std::vector<double> ys(r);
    for (uint64_t i = 0; i < r; ++i) ys[i] = standardizer.apply(t[i]);
    const Hyperparameters h = fit_hyperparameters(r, dims, X, ys.data(), categorical, is_anchor(r) ? std::nullopt : start);
    remember(prefix_hash[r], h);
    start = h;
  }
  return *start;
}

FittedGp GpFitter::fit(std::size_t n, std::size_t dims, const double *X, const double *y,
                       const std::vector<bool> &categorical) {
  if (settings_.fixed && static_cast<std::size_t>(settings_.fixed->inverse_squared_lengthscales.size()) != dims)
    throw sdk::Error(VN_E_INVALID, "the fixed hyperparameters give " +
                                       std::to_string(settings_.fixed->inverse_squared_lengthscales.size()) +
                                       " lengthscales, the space has " + std::to_string(dims) + " varying parameters");
  // Rolling hashes of every prefix: of the inputs alone (for reusing a factor) and of inputs and targets
  // (for reusing hyperparameters). The settings are this object's own, so they need not enter the key.
  std::vector<uint64_t> inputs_hash(n + 1), data_hash(n + 1);
  inputs_hash[0] = sdk::mix64(dims * 0x9e37u + 1);
  data_hash[0] = sdk::mix64(inputs_hash[0] + 7);
  for (std::size_t c = 0; c < dims; ++c) data_hash[0] = combine(data_hash[0], categorical[c] ? 2 : 3);
  for (std::size_t i = 0; i < n; ++i) {
    uint64_t hx = inputs_hash[i], hxy = data_hash[i];
    for (std::size_t j = 0; j < dims; ++j) {
      hx = combine(hx, bits_of(X[i * dims + j]));
      hxy = combine(hxy, bits_of(X[i * dims + j]));
    }
    inputs_hash[i + 1] = hx;
    data_hash[i + 1] = combine(hxy, bits_of(y[i]));
  }

  Hyperparameters h;
  if (settings_.fixed) {
    h = *settings_.fixed;
  } else if (n == 0) {
    h = cold_starts(dims, settings_, 0).front();
  } else {
    h = hyperparameters_for(refit_point_at_or_below(n), dims, X, y, categorical, data_hash);
  }

  std::vector<double> targets = transform_targets(settings_.transform, n, y);
  const Standardizer standardizer = Standardizer::of(n, targets.data());
  std::vector<double> ys(n);
  for (std::size_t i = 0; i < n; ++i) ys[i] = standardizer.apply(targets[i]);

  // Extend the last model when these inputs extend its inputs under the same hyperparameters.
  std::optional<GaussianProcess> gp;
  if (last_ && last_->gp().hyperparameters() == h && last_->gp().categorical() == categorical &&
      last_->gp().size() <= n && last_->gp().dims() == dims && inputs_hash[last_->gp().size()] == last_inputs_hash_) {
    gp = last_->gp();
    for (std::size_t i = gp->size(); i < n && gp; ++i)
      if (!gp->append(X + i * dims, 0.0)) gp.reset();  // targets are set below
    if (gp) gp->set_targets(ys.data());
  }
  if (!gp) {
    gp.emplace(h, categorical);
    if (!gp->condition(n, X, ys.data()))
      throw sdk::Error(VN_E_NUMERIC, "the GP covariance of " + std::to_string(n) +
                                         " observations could not be factorised, even with jitter");
  }
  Standardizer modelled = standardizer;
  if (settings_.fitted_mean) {
    const double m = constant_mean(*gp, ys);
    for (double &v : ys) v -= m;
    gp->set_targets(ys.data());
    modelled.mean += standardizer.scale * m;
  }
  last_.emplace(std::move(*gp), modelled, std::move(targets));
  last_inputs_hash_ = inputs_hash[n];
  return *last_;
}

}  // namespace vernier::gp

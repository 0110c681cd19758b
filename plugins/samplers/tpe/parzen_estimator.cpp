// The Parzen estimator of TPE: see parzen_estimator.hpp.
#include "parzen_estimator.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <utility>

#include "sorted_order.hpp"
#include "truncated_normal.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace vernier::tpe {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Scott's rule constant of BOHB (Falkner et al. 2018), as Optuna uses it for joint kernels.
constexpr double kScottFactor = 0.2;
// The magic clip never lets a bandwidth fall below width / kMagicClipCap.
constexpr double kMagicClipCap = 100.0;
// Without the magic clip, bandwidths are still kept above this fraction of the width, so no kernel
// degenerates into a point mass.
constexpr double kMinRelativeBandwidth = 1e-12;

// Terms more than this below the largest add less than e^-50 each: skipping them changes nothing at
// double precision.
constexpr double kNegligibleLog = -50.0;

// e^x for x in [kNegligibleLog, 0], to a few units in the last place, without branches or libm calls so
// the loop over kernels vectorises: x = k ln 2 + r with |r| <= ln(2)/2 (ln 2 split in two so k ln 2 is
// exact), e^r by its Taylor series to degree 12 (remainder below 2e-16), and 2^k written straight into the
// exponent bits. Adding 1.5 * 2^52 rounds x / ln 2 to the integer k and leaves k in the low bits.
inline double exp_nonpositive(double x) {
  constexpr double kLog2e = 1.4426950408889634074, kLn2High = 0.693147180369123816490, kLn2Low = 1.90821492927058770002e-10;
  constexpr double kRound = 6755399441055744.0;  // 1.5 * 2^52
  const double shifted = x * kLog2e + kRound;
  const double k = shifted - kRound;
  const double r = (x - k * kLn2High) - k * kLn2Low;
  double p = 1.0 / 479001600.0;  // 1/12!
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  int64_t bits;
  std::memcpy(&bits, &shifted, sizeof bits);
  bits = (bits - 0x4338000000000000LL + 1023) << 52;  // the biased exponent of 2^k, k >= -73 here
  double scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

// log(sum_i e^terms[i]), overwriting terms with scratch values. Four interleaved partial maxima and sums
// (a fixed order, so the result is deterministic) let the compiler keep them in vector registers.
double log_sum_exp(std::vector<double> &terms) {
  const std::size_t n = terms.size();
  double *t = terms.data();
  double top[4] = {-kInf, -kInf, -kInf, -kInf};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4)
    for (int j = 0; j < 4; ++j) top[j] = t[i + j] > top[j] ? t[i + j] : top[j];
  for (; i < n; ++i) top[0] = t[i] > top[0] ? t[i] : top[0];
  const double best = std::max(std::max(top[0], top[1]), std::max(top[2], top[3]));
  if (!std::isfinite(best)) return best;
  for (i = 0; i < n; ++i) t[i] = exp_nonpositive(std::max(t[i] - best, kNegligibleLog));  // e^-50: below rounding
  double sum[4] = {0, 0, 0, 0};
  for (i = 0; i + 4 <= n; i += 4)
    for (int j = 0; j < 4; ++j) sum[j] += t[i + j];
  for (; i < n; ++i) sum[0] += t[i];
  return best + std::log((sum[0] + sum[1]) + (sum[2] + sum[3]));
}

// acc[i] += sum over K parameters of curvature_k[i] * (y_k - mu_k[i])^2: the exponents of K continuous
// Gaussian kernels per component, added in one pass so acc is read and written once for K parameters
// (the loop over components is the hot spot of a suggestion; with K fixed it vectorises).
template <int K>
void add_exponents(double *__restrict acc, std::size_t n, const double *y, const double *const *mu,
                   const double *const *curvature) {
  const double *__restrict m[4] = {mu[0], K > 1 ? mu[1] : mu[0], K > 2 ? mu[2] : mu[0], K > 3 ? mu[3] : mu[0]};
  const double *__restrict c[4] = {curvature[0], K > 1 ? curvature[1] : curvature[0],
                                   K > 2 ? curvature[2] : curvature[0], K > 3 ? curvature[3] : curvature[0]};
  const double y0 = y[0], y1 = K > 1 ? y[1] : 0, y2 = K > 2 ? y[2] : 0, y3 = K > 3 ? y[3] : 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d0 = y0 - m[0][i];
    double s = c[0][i] * d0 * d0;
    if constexpr (K > 1) {
      const double d1 = y1 - m[1][i];
      s += c[1][i] * d1 * d1;
    }
    if constexpr (K > 2) {
      const double d2 = y2 - m[2][i];
      s += c[2][i] * d2 * d2;
    }
    if constexpr (K > 3) {
      const double d3 = y3 - m[3][i];
      s += c[3][i] * d3 * d3;
    }
    acc[i] += s;
  }
}

void add_gaussian_exponents(double *acc, std::size_t n, std::size_t k, const double *y, const double *const *mu,
                            const double *const *curvature) {
  switch (k) {
    case 1: add_exponents<1>(acc, n, y, mu, curvature); break;
    case 2: add_exponents<2>(acc, n, y, mu, curvature); break;
    case 3: add_exponents<3>(acc, n, y, mu, curvature); break;
    default: add_exponents<4>(acc, n, y, mu, curvature); break;
  }
}

}  // namespace

std::vector<double> observation_weights(uint64_t n, uint32_t n_full_weight) {
  std::vector<double> w(n, 1.0);
  if (n <= n_full_weight) return w;
  // The oldest n - n_full_weight observations: evenly spaced from 1/n (the oldest) to 1.
  const uint64_t ramp = n - n_full_weight;
  const double first = 1.0 / static_cast<double>(n);
  for (uint64_t i = 0; i < ramp; ++i)
    w[i] = ramp == 1 ? first : first + (1.0 - first) * static_cast<double>(i) / static_cast<double>(ramp - 1);
  return w;
}

ParzenEstimator::ParzenEstimator(std::vector<ParamModel> params, const std::vector<const double *> &observations,
                                 const EstimatorSettings &settings)
    : params_(std::move(params)), settings_(settings), n_observations_(observations.size()) {
  const uint64_t n = n_observations_;
  std::vector<double> weights = observation_weights(n, settings_.n_full_weight);
  weights.push_back(settings_.prior_weight);
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> log_weights(weights.size());
  cumulative_.resize(weights.size());
  double running = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    log_weights[i] = std::log(weights[i] / total);
    running += weights[i] / total;
    cumulative_[i] = running;
  }
  cumulative_.back() = 1.0;

  // log_pdf's constant per component: its log weight (scaled by relative bandwidths if asked, then
  // renormalised) minus the log normalisers of its numeric kernels. Per component, the factors of every
  // parameter are multiplied and their log taken once (flushed before the product could underflow):
  // a log per kernel would cost as much as everything else in a suggestion.
  const std::size_t components = weights.size();
  std::vector<double> log_normaliser(components, 0.0), normaliser(components, 1.0);
  std::vector<double> bandwidth_factor(components, 1.0);
  auto multiply = [](double &product, double &log_sum, double x) {
    product *= x;
    if (product < 1e-250) {
      log_sum += std::log(product);
      product = 1.0;
    }
  };
  double log_widths = 0.0;  // the continuous kernels' sigma, as sigma / width times width
  kernels_.resize(params_.size());
  std::vector<double> values(n);
  for (std::size_t d = 0; d < params_.size(); ++d) {
    const ParamModel &m = params_[d];
    for (uint64_t i = 0; i < n; ++i) values[i] = observations[i][m.index];
    Kernels &k = kernels_[d];
    if (m.kind == ParamKind::Categorical) {
      fit_categorical(m, values, k);
      continue;
    }
    fit_numeric(m, values, params_.size(), k);
    if (m.kind == ParamKind::Discrete) share_masses(k);
    const double width = m.upper - m.lower;
    if (m.kind == ParamKind::Continuous) log_widths += std::log(width) + kHalfLog2Pi;
    for (std::size_t i = 0; i < components; ++i) {
      // Each kernel is truncated to the support: divide by its mass there (and, for densities, by sigma).
      // Centres lie in the support, so the mass is that of an interval around the mean, at least ~1/2.
      const double a = (m.lower - k.mu[i]) * k.inv_sigma[i], b = (m.upper - k.mu[i]) * k.inv_sigma[i];
      if (a < -8.5 && b > 8.5) {
        // both ends beyond 8.5 sigma: the mass is 1 to double precision
      } else if (a <= 0.0 && b >= 0.0) {
        multiply(normaliser[i], log_normaliser[i], gauss_mass_around_mean(a, b));
      } else {
        log_normaliser[i] += log_gauss_mass(a, b);
      }
      const double relative = k.sigma[i] / width;
      if (m.kind == ParamKind::Continuous) multiply(normaliser[i], log_normaliser[i], relative);
      if (settings_.weight_by_bandwidth) multiply(bandwidth_factor[i], log_weights[i], relative);
    }
  }
  for (std::size_t i = 0; i < components; ++i) {
    log_normaliser[i] += std::log(normaliser[i]) + log_widths;
    if (settings_.weight_by_bandwidth) log_weights[i] += std::log(bandwidth_factor[i]);
  }
  if (settings_.weight_by_bandwidth) {
    std::vector<double> scratch = log_weights;
    const double renormalise = log_sum_exp(scratch);
    for (double &w : log_weights) w -= renormalise;
  }
  for (std::size_t d = 0; d < params_.size(); ++d) {
    if (params_[d].kind != ParamKind::Continuous) continue;
    continuous_mu_.push_back(kernels_[d].mu.data());
    continuous_curvature_.push_back(kernels_[d].curvature.data());
  }
  log_constant_.resize(weights.size());
  for (std::size_t i = 0; i < weights.size(); ++i) log_constant_[i] = log_weights[i] - log_normaliser[i];
}

void ParzenEstimator::fit_numeric(const ParamModel &m, const std::vector<double> &values, uint64_t n_dims,
                                  Kernels &k) const {
  const uint64_t n = values.size();
  const double width = m.upper - m.lower;
  k.mu.resize(n + 1);
  for (uint64_t i = 0; i < n; ++i) {
    const double v = m.kind == ParamKind::Discrete ? vernier::sdk::snap(*m.param, values[i]) : values[i];
    k.mu[i] = m.to_model(v);
  }
  k.mu[n] = 0.5 * (m.lower + m.upper);  // the prior
  k.sigma.assign(n + 1, 0.0);

  if (settings_.bandwidth == Bandwidth::Scott) {
    const double n_eff = static_cast<double>(std::max<uint64_t>(n, 1));
    std::fill(k.sigma.begin(), k.sigma.end(),
              kScottFactor * std::pow(n_eff, -1.0 / (static_cast<double>(n_dims) + 4.0)) * width);
  } else {
    // Each centre (the prior's included) gets the larger of the gaps to its sorted neighbours, the support's
    // ends acting as neighbours of the outermost centres only with consider_endpoints.
    const std::vector<uint32_t> order = sorted_order(k.mu);  // ties in index order
    const uint64_t count = n + 1;
    for (uint64_t r = 0; r < count; ++r) {
      const double here = k.mu[order[r]];
      const double left = r == 0 ? m.lower : k.mu[order[r - 1]];
      const double right = r + 1 == count ? m.upper : k.mu[order[r + 1]];
      double gap = std::max(here - left, right - here);
      if (!settings_.consider_endpoints && count >= 2) {
        if (r == 0) gap = right - here;
        if (r + 1 == count) gap = here - left;
      }
      k.sigma[order[r]] = gap;
    }
  }

  const double min_sigma = settings_.magic_clip ? width / std::min(kMagicClipCap, static_cast<double>(n) + 2.0)
                                                : width * kMinRelativeBandwidth;
  for (double &s : k.sigma) s = std::clamp(s, min_sigma, width);
  k.sigma[n] = width;  // the prior is broad whatever the rule says
  k.inv_sigma.resize(n + 1);
  k.curvature.resize(n + 1);
  for (uint64_t i = 0; i <= n; ++i) {
    k.inv_sigma[i] = 1.0 / k.sigma[i];
    k.curvature[i] = -0.5 * k.inv_sigma[i] * k.inv_sigma[i];
  }
}

void ParzenEstimator::share_masses(Kernels &k) {
  const std::size_t count = k.mu.size();
  std::vector<uint32_t> order(count);
  std::iota(order.begin(), order.end(), 0u);
  auto key_less = [&k](uint32_t a, uint32_t b) {
    return k.mu[a] < k.mu[b] || (k.mu[a] == k.mu[b] && k.inv_sigma[a] < k.inv_sigma[b]);
  };
  std::sort(order.begin(), order.end(), key_less);
  k.slot.resize(count);
  k.slot_mu.clear();
  k.slot_inv_sigma.clear();
  for (std::size_t r = 0; r < count; ++r) {
    const uint32_t i = order[r];
    if (r == 0 || key_less(order[r - 1], i)) {
      k.slot_mu.push_back(k.mu[i]);
      k.slot_inv_sigma.push_back(k.inv_sigma[i]);
    }
    k.slot[i] = static_cast<uint32_t>(k.slot_mu.size() - 1);
  }
}

void ParzenEstimator::fit_categorical(const ParamModel &m, const std::vector<double> &values, Kernels &k) const {
  const uint64_t n = values.size();
  const double choices = static_cast<double>(m.grid);
  k.choice.resize(n);
  for (uint64_t i = 0; i < n; ++i) k.choice[i] = static_cast<uint32_t>(vernier::sdk::grid_index(*m.param, values[i]));
  k.miss_mass = settings_.prior_weight / (static_cast<double>(n) + 1.0);
  const double total = 1.0 + choices * k.miss_mass;  // the observed choice has 1 + miss_mass
  k.log_hit = std::log((1.0 + k.miss_mass) / total);
  k.log_miss = std::log(k.miss_mass / total);
  k.log_prior = -std::log(choices);
}

void ParzenEstimator::sample(vernier::sdk::Rng &rng, uint32_t count, double *out) const {
  const std::size_t dims = params_.size();
  const std::size_t prior = n_observations_;
  for (uint32_t r = 0; r < count; ++r) {
    const double pick = rng.uniform();
    const std::size_t c = std::min<std::size_t>(
        static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), pick) - cumulative_.begin()),
        cumulative_.size() - 1);
    for (std::size_t d = 0; d < dims; ++d) {
      const ParamModel &m = params_[d];
      const Kernels &k = kernels_[d];
      const double u = rng.uniform();
      double &value = out[r * dims + d];
      if (m.kind == ParamKind::Categorical) {
        const double choices = static_cast<double>(m.grid);
        if (c == prior) {
          value = std::min(std::floor(u * choices), choices - 1);
        } else {
          // Mass 1 on the observed choice, then miss_mass on each choice (the observed one included).
          const double t = u * (1.0 + choices * k.miss_mass);
          value = t < 1.0 ? k.choice[c] : std::min(std::floor((t - 1.0) / k.miss_mass), choices - 1);
        }
        continue;
      }
      const double mu = k.mu[c], sigma = k.sigma[c];
      const double z = sample_truncated_standard_normal((m.lower - mu) / sigma, (m.upper - mu) / sigma, u);
      value = m.from_model(std::clamp(mu + sigma * z, m.lower, m.upper));
    }
  }
}

void ParzenEstimator::log_pdf(const double *points, uint32_t count, double *out) const {
  const std::size_t dims = params_.size();
  const std::size_t components = log_constant_.size();
  const std::size_t prior = n_observations_;
  std::vector<double> acc(components), masses, continuous_y(continuous_mu_.size());
  for (uint32_t r = 0; r < count; ++r) {
    std::copy(log_constant_.begin(), log_constant_.end(), acc.begin());
    double jacobian = 0.0;
    std::size_t n_continuous = 0;
    for (std::size_t d = 0; d < dims; ++d) {
      const ParamModel &m = params_[d];
      const Kernels &k = kernels_[d];
      const double x = points[r * dims + d];
      switch (m.kind) {
        case ParamKind::Continuous: {
          const double y = m.to_model(x);
          if (m.log) jacobian -= y;  // d(log x)/dx = 1/x
          continuous_y[n_continuous++] = y;  // added below, up to four parameters per pass
          break;
        }
        case ParamKind::Discrete: {
          double left = 0, right = 0;
          m.cell(x, left, right);
          masses.resize(k.slot_mu.size());
          for (std::size_t s = 0; s < masses.size(); ++s)
            masses[s] = log_gauss_mass((left - k.slot_mu[s]) * k.slot_inv_sigma[s], (right - k.slot_mu[s]) * k.slot_inv_sigma[s]);
          for (std::size_t i = 0; i < components; ++i) acc[i] += masses[k.slot[i]];
          break;
        }
        case ParamKind::Categorical: {
          const auto c = static_cast<uint32_t>(vernier::sdk::grid_index(*m.param, x));
          for (std::size_t i = 0; i < prior; ++i) acc[i] += k.choice[i] == c ? k.log_hit : k.log_miss;
          acc[prior] += k.log_prior;
          break;
        }
      }
    }
    for (std::size_t c = 0; c < n_continuous; c += 4)
      add_gaussian_exponents(acc.data(), components, std::min<std::size_t>(4, n_continuous - c), &continuous_y[c],
                             &continuous_mu_[c], &continuous_curvature_[c]);
    out[r] = log_sum_exp(acc) + jacobian;
  }
}

}  // namespace vernier::tpe

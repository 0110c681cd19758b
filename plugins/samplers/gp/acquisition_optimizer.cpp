#include "acquisition_optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

#include "gp_math/box_lbfgs.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/rng.hpp"
#include "vernier/sdk/sobol.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace vernier::gp_sampler {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr uint32_t kAllValuesUpTo = 64;  // a discrete line search tries every value up to this many
// Streams of the per-trial Rng (VN-ABI-8), one per purpose.
constexpr uint64_t kSobolStream = 0x736f626f6cULL, kLocalStream = 0x6c6f63616cULL, kSearchStream = 0x736561726368ULL,
                   kRouletteStream = 0x726f756c65ULL;

bool gains(double candidate, double current) {
  return candidate > current + 1e-12 * std::max(1.0, std::abs(current));
}

}  // namespace

// ---- PointSet ----------------------------------------------------------------------------------

uint64_t PointSet::key(const double *point) const {
  uint64_t h = sdk::mix64(dims_ + 0x51ULL);
  for (uint32_t j = 0; j < dims_; ++j) {
    uint64_t bits = 0x7ff8000000000000ULL;  // every NaN hashes alike
    if (!std::isnan(point[j])) std::memcpy(&bits, &point[j], sizeof bits);
    if (point[j] == 0.0) bits = 0;  // and so do +0 and -0
    h = sdk::mix64(h ^ (bits + sdk::kGoldenGamma));
  }
  return h;
}

void PointSet::insert(const double *point) { keys_.insert(key(point)); }

bool PointSet::contains(const double *point) const { return keys_.count(key(point)) > 0; }

// ---- the optimiser -----------------------------------------------------------------------------

AcquisitionOptimizer::AcquisitionOptimizer(const vn_space &space, Posterior &posterior, const Acquisition &acquisition,
                                           const OptimizerSettings &settings)
    : space_(space), posterior_(posterior), acquisition_(acquisition), settings_(settings) {
  for (uint32_t j = 0; j < space.n_params; ++j) {
    const vn_param &p = space.params[j];
    const uint64_t grid = sdk::grid_count(p);
    if (grid > 1) {
      kinds_.push_back(Kind::Discrete);
    } else if (grid == 0 && p.low < p.high) {
      kinds_.push_back(Kind::Continuous);
    } else {
      kinds_.push_back(Kind::Fixed);
    }
  }
}

std::vector<double> AcquisitionOptimizer::mask(const std::vector<double> &full) const {
  std::vector<double> point(full.size());
  for (uint32_t j = 0; j < space_.n_params; ++j) point[j] = sdk::is_active(space_, j, point.data()) ? full[j] : kNaN;
  return point;
}

std::vector<double> AcquisitionOptimizer::score(const std::vector<std::vector<double>> &fulls) {
  const std::size_t m = fulls.size(), d = space_.n_params;
  std::vector<double> points(m * d), mean(m), var(m), values(m);
  for (std::size_t i = 0; i < m; ++i) {
    const std::vector<double> point = mask(fulls[i]);
    std::copy(point.begin(), point.end(), points.begin() + static_cast<std::ptrdiff_t>(i * d));
  }
  posterior_.predict(m, points.data(), mean.data(), var.data());
  for (std::size_t i = 0; i < m; ++i) {
    const double v = acquisition_.value(mean[i], var[i]);
    values[i] = std::isfinite(v) ? v : -HUGE_VAL;
  }
  return values;
}

double AcquisitionOptimizer::score_one(const std::vector<double> &full) { return score({full})[0]; }

std::vector<std::vector<double>> AcquisitionOptimizer::sobol_candidates(uint64_t seed, int64_t trial_number,
                                                                      uint32_t count) const {
  const uint32_t d = space_.n_params;
  sdk::Sobol sobol(sdk::mix64(seed ^ sdk::mix64(static_cast<uint64_t>(trial_number) + kSobolStream)));
  std::vector<std::vector<double>> out(count, std::vector<double>(d));
  std::vector<double> u(d);
  for (uint32_t i = 0; i < count; ++i) {
    sobol.point(i, d, u.data());
    for (uint32_t j = 0; j < d; ++j) out[i][j] = sdk::from_unit(space_.params[j], u[j]);
  }
  return out;
}

std::vector<std::vector<double>> AcquisitionOptimizer::local_candidates(uint64_t seed, int64_t trial_number,
                                                                      const std::vector<double> &anchors,
                                                                      uint32_t count) const {
  const uint32_t d = space_.n_params;
  const std::size_t k = d == 0 ? 0 : anchors.size() / d;
  std::vector<std::vector<double>> out;
  if (k == 0) return out;
  uint32_t varying = 0;
  for (uint32_t j = 0; j < d; ++j) varying += kinds_[j] != Kind::Fixed ? 1 : 0;
  // A categorical switches to a random choice with probability 1/(number of varying parameters), at most
  // 1/2: most local candidates keep the anchor's choices and vary its numbers.
  const double switch_probability = 1.0 / std::max<uint32_t>(2, varying);
  sdk::Rng rng(seed, trial_number, kLocalStream);
  for (uint32_t i = 0; i < count; ++i) {
    const double *anchor = anchors.data() + (i % k) * d;
    // Step sizes spread log-uniformly from 0.2% to 20% of each range: some candidates polish the
    // incumbent, others look around it.
    const double scale = std::exp(std::log(0.002) + rng.uniform() * (std::log(0.2) - std::log(0.002)));
    std::vector<double> full(d);
    for (uint32_t j = 0; j < d; ++j) {
      const vn_param &p = space_.params[j];
      const double u_random = rng.uniform(), noise = rng.normal(), flip = rng.uniform();
      const double value = std::isnan(anchor[j]) ? sdk::from_unit(p, u_random) : anchor[j];
      if (kinds_[j] == Kind::Fixed) {
        full[j] = value;
      } else if (p.type == VN_PARAM_CATEGORICAL) {
        full[j] = flip < switch_probability ? sdk::from_unit(p, u_random) : value;
      } else {
        full[j] = sdk::from_unit(p, sdk::to_unit(p, value) + scale * noise);
      }
    }
    out.push_back(std::move(full));
  }
  return out;
}

bool AcquisitionOptimizer::exhaustive_candidates(std::vector<std::vector<double>> &out) const {
  const uint32_t d = space_.n_params;
  uint64_t total = 1;
  std::vector<uint64_t> counts(d, 1);
  for (uint32_t j = 0; j < d; ++j) {
    if (kinds_[j] == Kind::Continuous) return false;
    counts[j] = std::max<uint64_t>(1, sdk::grid_count(space_.params[j]));
    if (total > settings_.exhaustive_limit / counts[j]) return false;
    total *= counts[j];
  }
  PointSet seen(d);
  std::vector<uint64_t> digit(d, 0);
  for (uint64_t i = 0; i < total; ++i) {
    std::vector<double> full(d);
    for (uint32_t j = 0; j < d; ++j)
      full[j] = kinds_[j] == Kind::Fixed ? sdk::from_unit(space_.params[j], 0.5) : sdk::grid_value(space_.params[j], digit[j]);
    const std::vector<double> point = mask(full);
    if (!seen.contains(point.data())) {  // inactive children would repeat a point once per value
      seen.insert(point.data());
      out.push_back(std::move(full));
    }
    for (uint32_t j = 0; j < d && ++digit[j] == counts[j]; ++j) digit[j] = 0;
  }
  return true;
}

bool AcquisitionOptimizer::continuous_move(Scored &point, uint64_t seed, int64_t trial_number, uint32_t index,
                                           uint32_t round) {
  const std::vector<double> internal = mask(point.full);
  std::vector<uint32_t> active;
  for (uint32_t j = 0; j < space_.n_params; ++j)
    if (kinds_[j] == Kind::Continuous && !std::isnan(internal[j])) active.push_back(j);
  if (active.empty()) return false;
  const auto c = static_cast<Eigen::Index>(active.size());
  Eigen::VectorXd u0(c);
  for (Eigen::Index i = 0; i < c; ++i) u0[i] = sdk::to_unit(space_.params[active[i]], point.full[active[i]]);
  auto with = [&](const Eigen::VectorXd &u) {
    std::vector<double> full = point.full;
    for (Eigen::Index i = 0; i < c; ++i) full[active[i]] = sdk::from_unit(space_.params[active[i]], u[i]);
    return full;
  };

  if (posterior_.has_gradient()) {
    // Preconditioned: the variables are z = u / lengthscale, in which the posterior varies at the same
    // rate along every axis, so L-BFGS's first steps are well scaled.
    const std::vector<double> lengthscales = posterior_.lengthscales();
    Eigen::VectorXd scale(c);
    for (Eigen::Index i = 0; i < c; ++i) scale[i] = std::clamp(lengthscales[active[i]], 1e-3, 1e3);
    const std::size_t d = space_.n_params;
    std::vector<double> dmean(d), dvar(d);
    const gp::BoxObjective f = [&](const Eigen::VectorXd &z, Eigen::VectorXd &g) {
      const std::vector<double> trial_point = mask(with(z.cwiseProduct(scale)));
      double mean = 0, var = 0;
      posterior_.predict_with_gradient(trial_point.data(), mean, var, dmean.data(), dvar.data());
      const AcquisitionValue a = acquisition_.evaluate(mean, var);
      if (!std::isfinite(a.value) || !std::isfinite(a.d_mean) || !std::isfinite(a.d_var)) return HUGE_VAL;
      for (Eigen::Index i = 0; i < c; ++i)
        g[i] = -(a.d_mean * dmean[active[i]] + a.d_var * dvar[active[i]]) * scale[i];
      return -a.value;
    };
    gp::BoxLbfgsOptions options;
    options.max_evaluations = settings_.lbfgs_evaluations;
    options.gradient_tolerance = 1e-5;
    options.value_tolerance = 1e-10;
    const Eigen::VectorXd upper = scale.cwiseInverse();
    const gp::BoxLbfgsResult r =
        gp::minimize_in_box(f, u0.cwiseProduct(upper), Eigen::VectorXd::Zero(c), upper, options);
    if (r.value == HUGE_VAL) return false;
    std::vector<double> full = with(r.x.cwiseProduct(scale));
    const double value = score_one(full);
    if (!gains(value, point.value)) return false;
    point = Scored{std::move(full), value};
    return true;
  }

  // No gradients: shrinking random steps around the point, 16 at a time.
  sdk::Rng rng(seed, trial_number, kSearchStream + 64 * static_cast<uint64_t>(index) + round);
  bool gained = false;
  double scale = 0.1;
  for (int step = 0; step < 8; ++step) {
    std::vector<std::vector<double>> tries;
    for (int t = 0; t < 16; ++t) {
      Eigen::VectorXd u(c);
      for (Eigen::Index i = 0; i < c; ++i)
        u[i] = std::clamp(sdk::to_unit(space_.params[active[i]], point.full[active[i]]) + scale * rng.normal(), 0.0, 1.0);
      tries.push_back(with(u));
    }
    const std::vector<double> values = score(tries);
    const auto best = static_cast<std::size_t>(std::max_element(values.begin(), values.end()) - values.begin());
    if (gains(values[best], point.value)) {
      point = Scored{tries[best], values[best]};
      gained = true;
    } else {
      scale *= 0.5;
    }
  }
  return gained;
}

bool AcquisitionOptimizer::discrete_move(Scored &point, uint32_t j) {
  const vn_param &p = space_.params[j];
  if (std::isnan(mask(point.full)[j])) return false;  // inactive: its value changes nothing
  const uint64_t count = sdk::grid_count(p);
  const uint64_t current = sdk::grid_index(p, point.full[j]);
  std::vector<uint64_t> indices;
  if (count <= kAllValuesUpTo) {
    indices.resize(count);
    std::iota(indices.begin(), indices.end(), uint64_t{0});
  } else {
    for (uint64_t step = 1; step < count; step *= 2) {
      if (current >= step) indices.push_back(current - step);
      if (current + step < count) indices.push_back(current + step);
    }
    for (uint64_t i = 0; i < 16; ++i) indices.push_back(i * (count - 1) / 15);
  }
  std::vector<std::vector<double>> tries;
  for (uint64_t k : indices) {
    if (k == current) continue;
    std::vector<double> full = point.full;
    full[j] = sdk::grid_value(p, k);
    tries.push_back(std::move(full));
  }
  if (tries.empty()) return false;
  const std::vector<double> values = score(tries);
  const auto best = static_cast<std::size_t>(std::max_element(values.begin(), values.end()) - values.begin());
  if (!gains(values[best], point.value)) return false;
  point = Scored{std::move(tries[best]), values[best]};
  return true;
}

std::vector<AcquisitionOptimizer::Scored> AcquisitionOptimizer::refinement_starts(const std::vector<Scored> &pool,
                                                                             const std::vector<double> &anchors,
                                                                             uint64_t seed, int64_t trial_number) {
  const uint32_t d = space_.n_params;
  std::vector<Scored> starts;
  if (settings_.refine == 0) return starts;
  PointSet started(d);
  auto add = [&](const Scored &s) {
    const std::vector<double> point = mask(s.full);
    if (starts.size() >= settings_.refine || started.contains(point.data())) return;
    started.insert(point.data());
    starts.push_back(s);
  };
  add(pool.front());  // the best candidate
  if (anchors.size() >= d && d > 0) {
    // The best observation itself: the acquisition's maximum is often a short step away from it once the
    // model is confident, and a start there finds that step.
    std::vector<double> full(anchors.begin(), anchors.begin() + d);
    for (uint32_t j = 0; j < d; ++j)
      if (std::isnan(full[j])) full[j] = sdk::from_unit(space_.params[j], 0.5);
    add(Scored{full, score_one(full)});
  }
  // The others drawn from the candidates without replacement, with probability proportional to the
  // acquisition (exp of log EI or log PI): mostly good ones, but not all from the same basin.
  std::vector<double> weights(pool.size(), 0.0);
  const double best = pool.front().value;
  double spread = 0;
  for (const Scored &s : pool)
    if (std::isfinite(s.value)) spread = std::max(spread, best - s.value);
  for (std::size_t i = 1; i < pool.size(); ++i) {
    const double v = pool[i].value;
    if (!std::isfinite(v)) continue;
    switch (acquisition_.kind()) {
      case AcquisitionKind::LogEi:
      case AcquisitionKind::Pi: weights[i] = std::exp(v - best); break;
      case AcquisitionKind::Ei: weights[i] = best > 0 ? v / best : 0.0; break;
      case AcquisitionKind::Ucb: weights[i] = spread > 0 ? std::exp(-4.0 * (best - v) / spread) : 1.0; break;
    }
  }
  sdk::Rng rng(seed, trial_number, kRouletteStream);
  while (starts.size() < settings_.refine) {
    double total = 0;
    for (double w : weights) total += w;
    if (!(total > 0)) break;
    double u = rng.uniform() * total;
    std::size_t pick = 0;
    for (; pick + 1 < weights.size(); ++pick) {
      if (u < weights[pick]) break;
      u -= weights[pick];
    }
    weights[pick] = 0.0;
    add(pool[pick]);
  }
  return starts;
}

AcquisitionOptimizer::Scored AcquisitionOptimizer::refine(Scored point, uint64_t seed, int64_t trial_number,
                                                          uint32_t index) {
  for (uint32_t round = 0; round < settings_.max_rounds; ++round) {
    bool gained = continuous_move(point, seed, trial_number, index, round);
    for (uint32_t j = 0; j < space_.n_params; ++j)
      if (kinds_[j] == Kind::Discrete && discrete_move(point, j)) gained = true;
    if (!gained) break;
  }
  return point;
}

std::vector<double> AcquisitionOptimizer::maximize(uint64_t seed, int64_t trial_number, const std::vector<double> &anchors,
                                                   const PointSet &taken) {
  std::vector<std::vector<double>> candidates;
  const bool exhaustive = exhaustive_candidates(candidates);
  if (!exhaustive) {
    const uint32_t total = std::max<uint32_t>(settings_.candidates, 1);
    const uint32_t local = anchors.empty() ? 0 : total / 4;
    candidates = sobol_candidates(seed, trial_number, total - local);
    for (auto &c : local_candidates(seed, trial_number, anchors, local)) candidates.push_back(std::move(c));
  }
  const std::vector<double> values = score(candidates);
  std::vector<Scored> pool;
  pool.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) pool.push_back(Scored{std::move(candidates[i]), values[i]});
  std::stable_sort(pool.begin(), pool.end(), [](const Scored &a, const Scored &b) { return a.value > b.value; });

  if (!exhaustive && !pool.empty()) {
    std::vector<Scored> refined;
    for (const Scored &start : refinement_starts(pool, anchors, seed, trial_number))
      refined.push_back(refine(start, seed, trial_number, static_cast<uint32_t>(refined.size())));
    for (Scored &r : refined) pool.push_back(std::move(r));
    std::stable_sort(pool.begin(), pool.end(), [](const Scored &a, const Scored &b) { return a.value > b.value; });
  }
  if (pool.empty()) throw sdk::Error(VN_E_INTERNAL, "gp: no candidate points");
  const Scored *chosen = &pool.front();
  for (const Scored &s : pool) {
    if (!taken.contains(mask(s.full).data())) {
      chosen = &s;
      break;
    }
  }
  std::vector<double> point = mask(chosen->full);
  for (uint32_t j = 0; j < space_.n_params; ++j) point[j] = sdk::snap(space_.params[j], point[j]);
  return point;
}

}  // namespace vernier::gp_sampler
